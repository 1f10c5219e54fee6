package org.gantry.core.internal.control;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The end of the control pipeline: greets the client, hands each command to its session, closes
 * idle connections (never while a transfer runs) and tells the session when the connection ends.
 */
final class ControlHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    private final Session session;
    private ScheduledFuture<?> idleCheck;

    ControlHandler(Session session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.reply(Replies.banner(session.options().banner()));
        Duration timeout = session.options().idleTimeout();
        long period = Math.max(250, Math.min(30_000, timeout.toMillis() / 10));
        idleCheck = ctx.executor().scheduleAtFixedRate(() -> {
            if (session.idleLongerThan(session.options().idleTimeout())) {
                idleCheck.cancel(false);
                session.close(Replies.IDLE_TIMEOUT);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FtpCommand command) {
            session.onCommand(command);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        session.disconnected();
        LOG.debug("session {} closed", session.id());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("session {}: {}", session.id(), cause.toString());
        } else {
            LOG.warn("session {}: control channel failure", session.id(), cause);
        }
        ctx.close();
    }
}
