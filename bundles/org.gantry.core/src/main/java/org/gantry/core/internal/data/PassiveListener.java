package org.gantry.core.internal.data;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.channel.Channel;

/**
 * A passive (PASV/EPSV) listener: accepts exactly one connection for the next transfer and stops
 * listening as soon as it has it. Clients usually connect before they send the transfer command,
 * so the accepted channel waits, with auto-read off, until the transfer uses it.
 */
public final class PassiveListener implements DataChannelSetup {

    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private volatile Channel serverChannel;

    PassiveListener() {
    }

    void listening(Channel channel) {
        this.serverChannel = channel;
    }

    /** Called on the event loop for every incoming connection. */
    void accepted(Channel child) {
        if (accepted.complete(child)) {
            Channel server = serverChannel;
            if (server != null) {
                server.close();
            }
        } else {
            child.close();
        }
    }

    /** The address and port the listener is bound to. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public CompletionStage<Channel> connect(Duration timeout) {
        return accepted.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((ch, t) -> {
            if (t != null || ch == null) {
                close();
                throw new FtpReplyException(Replies.CANT_OPEN_DATA_REPLY, t);
            }
            return ch;
        });
    }

    @Override
    public String describe() {
        Channel server = serverChannel;
        return "passive " + (server == null ? "?" : server.localAddress());
    }

    @Override
    public void close() {
        Channel server = serverChannel;
        if (server != null) {
            server.close();
        }
        // Completing with null makes a late connection get closed by accepted().
        if (!accepted.complete(null)) {
            Channel ch = accepted.getNow(null);
            if (ch != null) {
                ch.close();
            }
        }
    }
}
