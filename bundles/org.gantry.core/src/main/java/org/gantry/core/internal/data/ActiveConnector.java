package org.gantry.core.internal.data;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;

/** An active (PORT/EPRT) data connection: the server connects out when the transfer starts. */
public final class ActiveConnector implements DataChannelSetup {

    private final Bootstrap bootstrap;
    private final InetSocketAddress target;
    private final InetAddress localBind;
    private volatile Channel channel;

    ActiveConnector(Bootstrap bootstrap, InetSocketAddress target, InetAddress localBind) {
        this.bootstrap = bootstrap;
        this.target = target;
        this.localBind = localBind;
    }

    @Override
    public CompletionStage<Channel> connect(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Bootstrap b = bootstrap.clone().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
        boolean sameFamily = localBind != null
                && (localBind instanceof Inet6Address) == (target.getAddress() instanceof Inet6Address);
        ChannelFuture future = sameFamily
                ? b.connect(target, new InetSocketAddress(localBind, 0))
                : b.connect(target);
        channel = future.channel();
        return NettyFutures.toStage(future).handle((v, t) -> {
            if (t != null) {
                future.channel().close();
                throw new FtpReplyException(Replies.CANT_OPEN_DATA_REPLY, t);
            }
            return future.channel();
        });
    }

    @Override
    public String describe() {
        return "active " + target;
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
