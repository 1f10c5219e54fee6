package org.gantry.core.internal.data;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.tls.DataConnectionSecurity;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;

/**
 * An active (PORT/EPRT/SPOR) setup: the server connects out when a transfer starts, to one
 * address per receiving stripe. In MODE E the connections of a cleanly ended transfer are kept
 * and reused by the next one (reply 125).
 */
public final class ActiveConnector implements DataChannelSetup {

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final List<InetSocketAddress> stripes;
    private final InetAddress localBind;
    private final DataConnectionSecurity security;
    private final List<Channel> opened = new ArrayList<>();
    private List<List<Channel>> cached;
    private boolean closed;

    ActiveConnector(Bootstrap bootstrap, EventLoop loop, List<InetSocketAddress> stripes, InetAddress localBind,
            DataConnectionSecurity security) {
        this.bootstrap = bootstrap;
        this.loop = loop;
        this.stripes = List.copyOf(stripes);
        this.localBind = localBind;
        this.security = security;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    /** Stream mode: one connection to the (first) address. */
    @Override
    public CompletionStage<Channel> connect(Duration timeout) {
        return open(stripes.get(0), timeout, 0);
    }

    /**
     * MODE E: {@code perStripe} connections to every stripe, reusing the cached ones where they
     * are still open.
     */
    public CompletionStage<StripeConnections> connectStripes(int perStripe, Duration timeout, int socketBuffer) {
        List<List<Channel>> reuse = takeCache();
        boolean reused = false;
        List<CompletableFuture<List<Channel>>> perStripeFutures = new ArrayList<>();
        for (int s = 0; s < stripes.size(); s++) {
            List<Channel> keep = new ArrayList<>();
            if (reuse != null && s < reuse.size()) {
                for (Channel ch : reuse.get(s)) {
                    if (ch.isActive() && keep.size() < perStripe) {
                        keep.add(ch);
                        reused = true;
                    } else {
                        ch.close();
                    }
                }
            }
            List<CompletableFuture<Channel>> more = new ArrayList<>();
            for (int i = keep.size(); i < perStripe; i++) {
                more.add(open(stripes.get(s), timeout, socketBuffer).toCompletableFuture());
            }
            perStripeFutures.add(CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).handle((v, t) -> {
                List<Channel> all = new ArrayList<>(keep);
                more.forEach(f -> {
                    if (!f.isCompletedExceptionally()) {
                        all.add(f.join());
                    }
                });
                if (t != null) {
                    all.forEach(Channel::close);
                    throw NettyFutures.dataConnectionFailure(t);
                }
                return all;
            }));
        }
        boolean reusedAny = reused;
        return CompletableFuture.allOf(perStripeFutures.toArray(CompletableFuture[]::new)).handle((v, t) -> {
            List<List<Channel>> result = new ArrayList<>();
            perStripeFutures.forEach(f -> {
                if (!f.isCompletedExceptionally()) {
                    result.add(f.join());
                }
            });
            if (t != null) {
                result.forEach(list -> list.forEach(Channel::close));
                throw NettyFutures.dataConnectionFailure(t);
            }
            return new StripeConnections(result, reusedAny);
        });
    }

    /** MODE E: keeps the connections of a cleanly ended transfer for the next one. */
    public void keep(List<List<Channel>> connections) {
        synchronized (this) {
            if (!closed && cached == null) {
                cached = connections;
                return;
            }
        }
        connections.forEach(list -> list.forEach(Channel::close));
    }

    private synchronized List<List<Channel>> takeCache() {
        List<List<Channel>> c = cached;
        cached = null;
        return c;
    }

    private CompletionStage<Channel> open(InetSocketAddress target, Duration timeout, int socketBuffer) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Bootstrap b = bootstrap.clone().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
        if (socketBuffer > 0) {
            b.option(ChannelOption.SO_SNDBUF, socketBuffer).option(ChannelOption.SO_RCVBUF, socketBuffer);
        }
        boolean sameFamily = localBind != null
                && (localBind instanceof Inet6Address) == (target.getAddress() instanceof Inet6Address);
        ChannelFuture future = sameFamily
                ? b.connect(target, new InetSocketAddress(localBind, 0))
                : b.connect(target);
        synchronized (this) {
            if (closed) {
                future.channel().close();
            } else {
                opened.add(future.channel());
                future.channel().closeFuture().addListener(f -> forget(future.channel()));
            }
        }
        return NettyFutures.toStage(future).handle((v, t) -> {
            if (t != null) {
                future.channel().close();
                throw new FtpReplyException(Replies.CANT_OPEN_DATA_REPLY, t);
            }
            return future.channel();
        }).thenCompose(ch -> security.secure(ch, true));
    }

    private synchronized void forget(Channel ch) {
        opened.remove(ch);
    }

    @Override
    public String describe() {
        return "active " + stripes;
    }

    @Override
    public void close() {
        List<Channel> all;
        synchronized (this) {
            closed = true;
            cached = null;
            all = new ArrayList<>(opened);
            opened.clear();
        }
        all.forEach(Channel::close);
    }
}
