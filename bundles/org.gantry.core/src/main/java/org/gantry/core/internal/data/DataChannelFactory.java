package org.gantry.core.internal.data;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Predicate;

import org.gantry.core.internal.data.tls.DataConnectionSecurity;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Makes passive listeners and active connectors; each new connection of theirs goes through the
 * session's data channel security (DCAU/PROT) before a transfer may use it. A setup's connections all use one event loop,
 * the session's own (that of its control connection), so a transfer's streams, its engine and
 * its replies share one thread: no locking, and no hand-over between threads per file, which
 * is what small-file copies pay for. Sessions spread over the loops.
 */
public final class DataChannelFactory {

    public DataChannelFactory() {
    }

    /**
     * Opens a passive listener on {@code bind}, trying the ports of {@code range}.
     *
     * @param acceptFrom which peers' connections the listener takes; it closes the others
     * @return the listener, or null if no port of the range could be bound
     */
    public PassiveListener listen(EventLoop loop, InetAddress bind, PortRange range, int socketBuffer,
            DataConnectionSecurity security, Predicate<InetSocketAddress> acceptFrom) {
        PassiveListener listener = new PassiveListener(loop, security, acceptFrom);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, bulkReads())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        listener.accepted(ch);
                    }
                });
        if (socketBuffer > 0) {
            // Set on the listening socket so that accepted ones get the window scale for it.
            bootstrap.option(ChannelOption.SO_RCVBUF, socketBuffer)
                    .childOption(ChannelOption.SO_SNDBUF, socketBuffer);
        }
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

    /**
     * Data connections read up to 256 KiB at a time: bulk data wants large reads, but a MODE E
     * upload asks all its connections at once, and each may deliver this much past the budget.
     */
    private static AdaptiveRecvByteBufAllocator bulkReads() {
        return new AdaptiveRecvByteBufAllocator(64 * 1024, 128 * 1024, 256 * 1024);
    }

    /** A setup that connects to {@code stripes} (one address per receiving stripe) when a transfer starts. */
    public ActiveConnector connector(EventLoop loop, List<InetSocketAddress> stripes, InetAddress localBind,
            DataConnectionSecurity security) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.RCVBUF_ALLOCATOR, bulkReads())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // handlers are added by the transfer mode once the connection is used
                    }
                });
        return new ActiveConnector(bootstrap, loop, stripes, localBind, security);
    }
}
