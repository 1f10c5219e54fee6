package org.gantry.core.internal.control;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Reply;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Records commands in and reply lines out in the session's {@link CommandLog}. */
final class CommandLogHandler extends ChannelDuplexHandler {

    private final CommandLog log;

    CommandLogHandler(CommandLog log) {
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FtpCommand command) {
            log.client(command.loggable());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Reply reply) {
            reply.wireLines().forEach(log::server);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.close();
        ctx.fireChannelInactive();
    }
}
