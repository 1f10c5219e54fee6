package org.gantry.core.internal.data;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.gantry.core.internal.data.tls.DataConnectionSecurity;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * A passive (PASV/EPSV/SPAS) listener. In stream mode it serves one transfer with the first
 * connection and stops listening; in MODE E it keeps listening, because senders may open any
 * number of connections, and it keeps the connections a transfer ended cleanly on (EOD without
 * CLOSE) for the next transfer. Clients often connect before they send the transfer command,
 * so accepted connections wait, with auto-read off, until a transfer uses them. All connections
 * live on the listener's one event loop, which is also where MODE E transfers run.
 */
public final class PassiveListener implements DataChannelSetup {

    private final EventLoop loop;
    private final DataConnectionSecurity security;
    private final Predicate<InetSocketAddress> acceptFrom;
    private final List<Channel> securing = new ArrayList<>();
    private FtpReplyException refused;
    private final Deque<Channel> waiting = new ArrayDeque<>();
    private final Deque<CompletableFuture<Channel>> streamWaiters = new ArrayDeque<>();
    private Consumer<Channel> subscriber;
    private Channel serverChannel;
    private boolean closed;

    PassiveListener(EventLoop loop, DataConnectionSecurity security, Predicate<InetSocketAddress> acceptFrom) {
        this.loop = loop;
        this.security = security;
        this.acceptFrom = acceptFrom;
    }

    synchronized void listening(Channel channel) {
        this.serverChannel = channel;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Called for every incoming connection; it is used once its security handshake, if any, is
     * done. One from a peer the listener may not take is closed, and the listener waits on for
     * the right one.
     */
    void accepted(Channel child) {
        if (!acceptFrom.test((InetSocketAddress) child.remoteAddress())) {
            child.close();
            return;
        }
        if (security.none()) {
            ready(child);
            return;
        }
        synchronized (this) {
            if (closed) {
                child.close();
                return;
            }
            securing.add(child);
        }
        security.secure(child, false).whenComplete((ch, failure) -> {
            synchronized (this) {
                securing.remove(child);
            }
            if (failure == null) {
                ready(ch);
            } else {
                refused(NettyFutures.dataConnectionFailure(failure));
            }
        });
    }

    /**
     * A connection whose peer could not be authenticated is closed (by the security step). A
     * stream transfer waiting for its connection fails with the reason; one not yet waiting
     * gets it when it asks.
     */
    private void refused(FtpReplyException reason) {
        CompletableFuture<Channel> waiter;
        synchronized (this) {
            waiter = streamWaiters.pollFirst();
            if (waiter == null) {
                refused = reason;
            }
        }
        if (waiter != null) {
            waiter.completeExceptionally(reason);
        }
    }

    private void ready(Channel child) {
        Consumer<Channel> deliverTo;
        CompletableFuture<Channel> streamWaiter;
        synchronized (this) {
            if (closed) {
                child.close();
                return;
            }
            child.closeFuture().addListener(f -> forget(child));
            deliverTo = subscriber;
            streamWaiter = deliverTo == null ? streamWaiters.pollFirst() : null;
            if (deliverTo == null && streamWaiter == null) {
                waiting.addLast(child);
                return;
            }
        }
        if (deliverTo != null) {
            deliverTo.accept(child);
        } else {
            stopListening();
            streamWaiter.complete(child);
        }
    }

    /** The address and port the listener is bound to. */
    public synchronized InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stream mode: the first connection; the listener stops listening once it has it. */
    @Override
    public CompletionStage<Channel> connect(Duration timeout) {
        CompletableFuture<Channel> waiter = new CompletableFuture<>();
        Channel ready;
        FtpReplyException failure = null;
        synchronized (this) {
            ready = waiting.pollFirst();
            if (ready == null && refused != null) {
                failure = refused;
                refused = null;
            } else if (ready == null) {
                streamWaiters.add(waiter);
            }
        }
        if (failure != null) {
            close();
            return CompletableFuture.failedFuture(failure);
        }
        if (ready != null) {
            stopListening();
            return CompletableFuture.completedFuture(ready);
        }
        return waiter.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((ch, t) -> {
            if (t != null || ch == null) {
                close();
                throw t == null ? new FtpReplyException(Replies.CANT_OPEN_DATA_REPLY) : NettyFutures.dataConnectionFailure(t);
            }
            return ch;
        });
    }

    /**
     * MODE E: hands every waiting connection, and each new one until {@link #unsubscribe}, to
     * {@code consumer} (on the caller's thread or the accepting event loop).
     */
    public void subscribe(Consumer<Channel> consumer) {
        List<Channel> ready;
        synchronized (this) {
            subscriber = consumer;
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        ready.forEach(consumer);
    }

    public synchronized void unsubscribe() {
        subscriber = null;
    }

    /** MODE E: a connection a transfer ended cleanly on, kept for the next transfer. */
    public void park(Channel channel) {
        synchronized (this) {
            if (!closed && channel.isActive()) {
                waiting.addFirst(channel);
                return;
            }
        }
        channel.close();
    }

    private synchronized void forget(Channel child) {
        waiting.remove(child);
    }

    private void stopListening() {
        Channel server;
        synchronized (this) {
            server = serverChannel;
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String describe() {
        Channel server;
        synchronized (this) {
            server = serverChannel;
        }
        return "passive " + (server == null ? "?" : server.localAddress());
    }

    @Override
    public void close() {
        List<Channel> toClose;
        List<CompletableFuture<Channel>> waiters;
        synchronized (this) {
            closed = true;
            subscriber = null;
            toClose = new ArrayList<>(waiting);
            toClose.addAll(securing);
            waiting.clear();
            securing.clear();
            waiters = new ArrayList<>(streamWaiters);
            streamWaiters.clear();
        }
        stopListening();
        toClose.forEach(Channel::close);
        waiters.forEach(w -> w.complete(null));
    }
}
