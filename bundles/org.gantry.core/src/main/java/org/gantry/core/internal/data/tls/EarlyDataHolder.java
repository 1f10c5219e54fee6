package org.gantry.core.internal.data.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Keeps the data that arrives with the end of a data connection's TLS handshake until a transfer
 * reads from the connection: the transfer's handlers are added only then, and data reaching the
 * end of the pipeline before would be lost. On the first read it hands the kept data over (on a
 * later turn of the event loop, so the reader is not called back from inside its own request),
 * then leaves the pipeline and, with it, the gate that held the TLS layer's own reads back.
 */
final class EarlyDataHolder extends ChannelDuplexHandler {

    private final ChannelHandler gate;
    private CompositeByteBuf kept;
    private boolean handing;

    /** @param gate the handler to remove with this one, or null */
    EarlyDataHolder(ChannelHandler gate) {
        this.gate = gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (kept == null) {
            kept = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        kept.addComponent(true, data);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nobody reads yet; the transfer gets its read-complete with the kept data.
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (kept != null && kept.isReadable()) {
            if (!handing) {
                handing = true;
                ctx.executor().execute(() -> handOver(ctx));
            }
            return;
        }
        leave(ctx);
        ctx.read();
    }

    private void handOver(ChannelHandlerContext ctx) {
        ByteBuf data = kept;
        kept = null;
        leave(ctx);
        ctx.fireChannelRead(data);
        ctx.fireChannelReadComplete();
    }

    private void leave(ChannelHandlerContext ctx) {
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
        if (gate != null && ctx.pipeline().context(gate) != null) {
            ctx.pipeline().remove(gate);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }
}
