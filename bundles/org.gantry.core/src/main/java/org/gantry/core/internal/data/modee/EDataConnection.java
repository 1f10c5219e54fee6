package org.gantry.core.internal.data.modee;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One receiving MODE E connection. It outlives transfers: between them it is detached, reads
 * nothing, and keeps any bytes that arrived early (a pipelining sender may already send the
 * next transfer's blocks) for the transfer it is attached to next. Runs on its event loop only.
 */
final class EDataConnection extends ChannelInboundHandlerAdapter implements EBlockDecoder.Listener {

    static final String NAME = "modee-in";

    private final Channel channel;
    private final EBlockDecoder decoder;
    private ModeEIncoming transfer;
    private ByteBuf early;

    private EDataConnection(Channel channel) {
        this.channel = channel;
        this.decoder = new EBlockDecoder();
    }

    /** The connection's handler, added on first use. */
    static EDataConnection of(Channel channel) {
        EDataConnection existing = (EDataConnection) channel.pipeline().get(NAME);
        if (existing != null) {
            return existing;
        }
        EDataConnection created = new EDataConnection(channel);
        channel.pipeline().addLast(NAME, created);
        return created;
    }

    static boolean usedBefore(Channel channel) {
        return channel.pipeline().get(NAME) != null;
    }

    Channel channel() {
        return channel;
    }

    boolean startedBlocks() {
        return decoder.sawHeader();
    }

    boolean ended() {
        return decoder.ended();
    }

    void attach(ModeEIncoming t) {
        transfer = t;
        decoder.reset();
        ByteBuf carried = decoder.leftover();
        ByteBuf held = early;
        early = null;
        if (carried != null) {
            feed(carried);
        }
        if (held != null && transfer == t) {
            feed(held);
        } else if (held != null) {
            held.release();
        }
    }

    void detach() {
        transfer = null;
    }

    void requestRead() {
        if (!decoder.ended() && channel.isActive()) {
            channel.read();
        }
    }

    void release() {
        decoder.release();
        if (early != null) {
            early.release();
            early = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        if (transfer == null || decoder.ended()) {
            hold(data);
        } else {
            feed(data);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (transfer != null) {
            transfer.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ModeEIncoming t = transfer;
        if (t != null) {
            t.onClosed(this);
        }
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void hold(ByteBuf data) {
        if (early == null) {
            early = data;
        } else {
            early = channel.alloc().compositeBuffer().addComponents(true, early, data);
        }
    }

    private void feed(ByteBuf data) {
        ModeEIncoming t = transfer;
        try {
            decoder.decode(data, this);
        } catch (EBlockException e) {
            if (t != null) {
                t.onProtocolError(this, e);
            }
        }
    }

    @Override
    public void onPayload(long offset, ByteBuf data) {
        ModeEIncoming t = transfer;
        if (t == null) {
            data.release();
        } else {
            t.onPayload(offset, data);
        }
    }

    @Override
    public void onEof(long eodCount) {
        if (transfer != null) {
            transfer.onEof(this, eodCount);
        }
    }

    @Override
    public void onEod(boolean close) {
        if (transfer != null) {
            transfer.onEod(this, close);
        }
    }
}
