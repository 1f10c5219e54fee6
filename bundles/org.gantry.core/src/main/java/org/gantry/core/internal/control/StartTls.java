package org.gantry.core.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLEngine;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.TlsLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;

/**
 * Puts TLS on the control connection after {@code AUTH TLS}: when the 234 reply passes out, an
 * SslHandler goes to the front of the pipeline, letting that one reply out in clear (start-TLS
 * mode) and handling every byte after it. Lines the client sent in clear behind its AUTH TLS,
 * before the TLS started, are dropped: they could be injected by someone on the path (the
 * STARTTLS command injection problem). Event-loop confined; sits where it sees lines in and
 * replies out.
 */
final class StartTls extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StartTls.class);
    static final String TLS = "control-tls";

    private final long sessionId;
    private final TlsLogin login;
    /** An AUTH TLS line went by and its answer has not: lines in clear now are not the client's to send. */
    private boolean awaitingTls;

    StartTls(long sessionId, TlsLogin login) {
        this.sessionId = sessionId;
        this.login = login;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf line) || ctx.pipeline().get(TLS) != null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (awaitingTls) {
            LOG.warn("session {}: dropped a line sent in clear after AUTH TLS", sessionId);
            line.release();
            return;
        }
        String text = line.toString(StandardCharsets.US_ASCII).trim().toUpperCase(Locale.ROOT);
        awaitingTls = text.startsWith("AUTH ") && text.length() > 5 && !text.substring(5).trim().equals("GSSAPI");
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Reply reply) {
            Optional<SSLEngine> engine = reply.code() == Replies.SECURITY_EXCHANGE_DONE
                    ? login.takeControlEngine() : Optional.empty();
            if (engine.isPresent()) {
                SslHandler tls = new SslHandler(engine.get(), true);
                ctx.pipeline().addFirst(TLS, tls);
                awaitingTls = false;
            } else if (reply.code() >= 400) {
                awaitingTls = false; // AUTH refused (or an earlier command failed): lines are the client's again
            }
        }
        ctx.write(msg, promise);
    }
}
