package org.gantry.core.internal.data;

import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.tls.DataConnectionSecurity;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;

/** Stream-mode sending: blocks are written in order as they come; end of data = close. */
final class StreamOutgoing implements OutgoingData {

    private final Channel channel;

    StreamOutgoing(Channel channel) {
        this.channel = channel;
        channel.pipeline().addLast("stream-out", new InputDrain());
        channel.config().setAutoRead(true);
    }

    @Override
    public EventExecutor executor() {
        return channel.eventLoop();
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    @Override
    public CompletionStage<Void> send(ByteBuf data, long offset) {
        return NettyFutures.toStage(channel.writeAndFlush(data)
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE));
    }

    @Override
    public CompletionStage<Void> sendFile(java.nio.channels.FileChannel file, long position, int count, long offset) {
        return NettyFutures.toStage(channel.writeAndFlush(new FileSlice(file, position, count))
                .addListener(ChannelFutureListener.CLOSE_ON_FAILURE));
    }

    @Override
    public CompletionStage<Void> finish() {
        return NettyFutures.toStage(channel.close());
    }

    @Override
    public void abort() {
        channel.close();
    }

    @Override
    public boolean receiverOnLoopback() {
        return HostPort.isLoopback(channel.remoteAddress());
    }

    @Override
    public boolean encrypts() {
        return DataConnectionSecurity.encrypts(channel);
    }
}
