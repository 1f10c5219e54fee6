package org.gantry.core.internal.data;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a sending connection's pipeline: it reads and drops whatever the receiver sends.
 * A receiver sends no data, but a TLS peer may send post-handshake messages (session tickets);
 * closing a socket with unread input resets it, and the receiver would lose the data still in
 * flight. Write failures surface through the write futures; any other error closes.
 */
public final class InputDrain extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
