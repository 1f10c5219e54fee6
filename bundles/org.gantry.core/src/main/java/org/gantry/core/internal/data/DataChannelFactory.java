package org.gantry.core.internal.data;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Makes passive listeners and active connectors on the server's data event loops. */
public final class DataChannelFactory {

    private final EventLoopGroup group;

    public DataChannelFactory(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * Opens a passive listener on {@code bind}, trying the ports of {@code range}.
     *
     * @return the listener, or null if no port of the range could be bound
     */
    public PassiveListener listen(InetAddress bind, PortRange range) {
        PassiveListener listener = new PassiveListener();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        listener.accepted(ch);
                    }
                });
        Channel[] bound = new Channel[1];
        int port = range.firstAccepted(p -> {
            var future = bootstrap.bind(new InetSocketAddress(bind, p)).awaitUninterruptibly();
            bound[0] = future.isSuccess() ? future.channel() : null;
            return future.isSuccess();
        });
        if (port < 0) {
            return null;
        }
        listener.listening(bound[0]);
        return listener;
    }

    /** A setup that connects to {@code target} when the transfer starts. */
    public ActiveConnector connector(InetSocketAddress target, InetAddress localBind) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // handlers are added by the transfer mode once the connection is used
                    }
                });
        return new ActiveConnector(bootstrap, target, localBind);
    }
}
