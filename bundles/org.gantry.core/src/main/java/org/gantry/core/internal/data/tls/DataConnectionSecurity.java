package org.gantry.core.internal.data.tls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.security.api.DataChannelSecurity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * What a data setup does to each new connection before a transfer may use it: nothing (DCAU N), a
 * TLS handshake after which the data flows in clear ({@code PROT C}), or TLS for the whole
 * connection ({@code PROT P}). Fixed when the setup is made; PBSZ/PROT/DCAU changes drop the setup.
 */
public final class DataConnectionSecurity {

    /** DCAU N: connections are used as they are. */
    public static final DataConnectionSecurity NONE = new DataConnectionSecurity(null, null);

    private static final Logger LOG = LoggerFactory.getLogger(DataConnectionSecurity.class);
    static final long HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    private static final String TLS = "data-tls";

    private final DataChannelSecurity security;
    private final String unavailable;

    private DataConnectionSecurity(DataChannelSecurity security, String unavailable) {
        this.security = security;
        this.unavailable = unavailable;
    }

    /** Connections authenticate (and, under PROT P, encrypt) with {@code security}. */
    public static DataConnectionSecurity of(DataChannelSecurity security) {
        return new DataConnectionSecurity(security, null);
    }

    /** Connections must be authenticated, but cannot be: every connection fails with {@code reason}. */
    public static DataConnectionSecurity unavailable(String reason) {
        return new DataConnectionSecurity(null, reason);
    }

    /** Why connections cannot be authenticated, if they cannot. */
    public java.util.Optional<String> unavailableReason() {
        return java.util.Optional.ofNullable(unavailable);
    }

    public boolean none() {
        return security == null && unavailable == null;
    }

    /**
     * Readies a new connection for transfers: completes with the channel once its handshake is
     * done, or fails with a 425 reply (and closes the channel) if the peer could not be
     * authenticated. Auto-read must be off; the channel reads nothing more until a transfer asks.
     *
     * @param activeSide true if this server connected, false if it accepted the connection
     */
    public CompletionStage<Channel> secure(Channel channel, boolean activeSide) {
        if (none()) {
            return CompletableFuture.completedFuture(channel);
        }
        if (security == null) {
            channel.close();
            return CompletableFuture.failedFuture(new FtpReplyException(Replies.dataChannelAuthFailed(unavailable)));
        }
        CompletableFuture<Channel> ready = new CompletableFuture<>();
        channel.eventLoop().execute(() -> start(channel, activeSide, ready));
        return ready;
    }

    private void start(Channel channel, boolean activeSide, CompletableFuture<Channel> ready) {
        Promise<Void> handshake = channel.eventLoop().newPromise();
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                () -> handshake.tryFailure(new javax.net.ssl.SSLException("no TLS handshake within "
                        + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s")),
                HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        handshake.addListener((Future<Void> f) -> {
            timeout.cancel(false);
            if (f.isSuccess()) {
                ready.complete(channel);
            } else {
                LOG.info("data connection with {} refused: {}", channel.remoteAddress(), describe(f.cause()));
                LOG.debug("data connection handshake failure", f.cause());
                channel.close();
                ready.completeExceptionally(new FtpReplyException(
                        Replies.dataChannelAuthFailed(describe(f.cause())), f.cause()));
            }
        });
        try {
            SSLEngine engine = security.newEngine(activeSide);
            if (security.protectsData()) {
                protectWholeConnection(channel, engine, handshake);
            } else {
                channel.pipeline().addLast(TLS, new HandshakeOnlyHandler(engine, handshake))
                        .addLast(new EarlyDataHolder(null));
            }
            // Read for the handshake below the holder: a read from the end of the pipeline is a
            // transfer's, which makes the holder hand over and leave.
            channel.pipeline().context(TLS).read();
        } catch (RuntimeException e) {
            handshake.tryFailure(e);
        }
    }

    private static void protectWholeConnection(Channel channel, SSLEngine engine, Promise<Void> handshake) {
        ReadGate gate = new ReadGate();
        SslHandler tls = new SslHandler(engine);
        tls.setHandshakeTimeoutMillis(0); // ours covers both kinds of handshake
        tls.handshakeFuture().addListener((Future<Channel> f) -> {
            if (f.isSuccess()) {
                gate.shut();
                handshake.trySuccess(null);
            } else {
                handshake.tryFailure(f.cause());
            }
        });
        channel.pipeline().addLast(gate).addLast(TLS, tls).addLast(new EarlyDataHolder(gate));
    }

    /** Whether data on the channel goes through TLS, so that it must be written from buffers, not files. */
    public static boolean encrypts(Channel channel) {
        return channel.pipeline().get(TLS) instanceof SslHandler;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** For logs: {@code clear}, {@code authenticated} (PROT C), {@code private} (PROT P), {@code unavailable}. */
    public String level() {
        if (none()) {
            return "clear";
        }
        if (security == null) {
            return "unavailable";
        }
        return security.protectsData() ? "private" : "authenticated";
    }
}
