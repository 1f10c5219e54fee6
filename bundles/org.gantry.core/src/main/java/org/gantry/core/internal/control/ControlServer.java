package org.gantry.core.internal.control;

import java.net.InetSocketAddress;

import org.gantry.core.internal.session.ServerContext;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The control channel listener; can be re-bound to another address while sessions go on. */
public final class ControlServer {

    private final ServerContext context;
    private final EventLoopGroup acceptors;
    private volatile Channel listener;

    public ControlServer(ServerContext context, EventLoopGroup acceptors) {
        this.context = context;
        this.acceptors = acceptors;
    }

    /**
     * Listens on {@code address} instead of the current address; returns the bound address. If
     * that fails, the server keeps listening where it was.
     */
    public synchronized InetSocketAddress bind(InetSocketAddress address) throws Exception {
        Channel old = listener;
        InetSocketAddress oldAddress = old == null ? null : (InetSocketAddress) old.localAddress();
        if (oldAddress != null && address.getPort() != 0 && address.getPort() == oldAddress.getPort()) {
            // Same port: the old socket may hold it (e.g. 127.0.0.1 -> 0.0.0.0); free it first.
            unbind();
            try {
                listener = openSoon(address);
            } catch (Exception e) {
                listener = openSoon(oldAddress);
                throw e;
            }
        } else {
            Channel bound = open(address);
            unbind();
            listener = bound;
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Binds, retrying briefly: NIO releases a closed listener's port only once its selector has
     * deregistered it, a moment after the close completed.
     */
    private Channel openSoon(InetSocketAddress address) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return open(address);
            } catch (Exception e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private Channel open(InetSocketAddress address) throws InterruptedException {
        return new ServerBootstrap()
                .group(acceptors, context.eventLoops())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ControlChannelInitializer(context))
                .bind(address).sync().channel();
    }

    /** Stops accepting connections; existing sessions are not affected. */
    public synchronized void unbind() {
        Channel old = listener;
        listener = null;
        if (old != null) {
            old.close().awaitUninterruptibly();
        }
    }

    /** The bound address, or null when not listening. */
    public InetSocketAddress address() {
        Channel l = listener;
        return l == null ? null : (InetSocketAddress) l.localAddress();
    }
}
