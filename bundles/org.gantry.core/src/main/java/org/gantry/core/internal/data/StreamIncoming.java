package org.gantry.core.internal.data;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;

/**
 * Stream-mode receiving: bytes arrive in order from the start offset; an orderly close (FIN) is
 * the end of the data, a reset or other error means the data is incomplete.
 */
final class StreamIncoming implements IncomingData {

    private final Channel channel;
    private long nextOffset;
    private BlockReceiver receiver;
    private boolean failed;
    private boolean aborted;

    StreamIncoming(Channel channel, long startOffset) {
        this.channel = channel;
        this.nextOffset = startOffset;
    }

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    @Override
    public void start(BlockReceiver r) {
        this.receiver = r;
        if (!channel.isActive()) {
            failed = true;
            r.onError(new java.nio.channels.ClosedChannelException());
            return;
        }
        channel.pipeline().addLast("stream-in", new Handler());
        channel.read();
    }

    @Override
    public void requestMore() {
        channel.read();
    }

    @Override
    public void abort() {
        aborted = true;
        channel.close();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            if (aborted || failed) {
                data.release();
                return;
            }
            long offset = nextOffset;
            nextOffset += data.readableBytes();
            receiver.onBlock(offset, data);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!aborted && !failed) {
                receiver.onReadComplete();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!aborted && !failed) {
                failed = true;
                receiver.onError(cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!aborted && !failed) {
                receiver.onEnd();
            }
        }
    }
}
