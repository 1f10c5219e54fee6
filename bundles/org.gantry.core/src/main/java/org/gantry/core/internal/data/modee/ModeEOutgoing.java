package org.gantry.core.internal.data.modee;

import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.ActiveConnector;
import org.gantry.core.internal.data.NettyFutures;
import org.gantry.core.internal.data.HostPort;
import org.gantry.core.internal.data.InputDrain;
import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.data.StripeConnections;
import org.gantry.core.internal.data.tls.DataConnectionSecurity;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;

/**
 * Sends one transfer in MODE E over the connections of every stripe. Blocks go round-robin over
 * the stripes and, within a stripe, to the connection with the fewest bytes still queued, so a
 * slow stream does not hold the others back. The end is an EOD on every connection and one EOF
 * per stripe carrying its connection count; no CLOSE, so that the next transfer can reuse them.
 */
final class ModeEOutgoing implements OutgoingData {

    private static final String GUARD = "modee-out";

    private final ActiveConnector connector;
    private final List<List<Channel>> stripes;
    private final boolean reused;
    private final EventExecutor loop;
    private final Map<Channel, Long> queued = new HashMap<>();
    private long blocks;
    private boolean flushScheduled;

    ModeEOutgoing(ActiveConnector connector, StripeConnections connections) {
        this.connector = connector;
        this.stripes = connections.stripes();
        this.reused = connections.reused();
        this.loop = connector.eventLoop();
        for (List<Channel> stripe : stripes) {
            for (Channel ch : stripe) {
                queued.put(ch, 0L);
                if (ch.pipeline().get(GUARD) == null) {
                    ch.pipeline().addLast(GUARD, new InputDrain());
                    ch.config().setAutoRead(true);
                }
            }
        }
    }

    @Override
    public EventExecutor executor() {
        return loop;
    }

    @Override
    public ByteBufAllocator alloc() {
        return stripes.get(0).get(0).alloc();
    }

    @Override
    public boolean reusesConnection() {
        return reused;
    }

    @Override
    public boolean receiverOnLoopback() {
        return HostPort.isLoopback(stripes.get(0).get(0).remoteAddress());
    }

    @Override
    public boolean encrypts() {
        return DataConnectionSecurity.encrypts(stripes.get(0).get(0));
    }

    @Override
    public int blocksInFlight() {
        return Math.max(4, 2 * queued.size());
    }

    @Override
    public CompletionStage<Void> send(ByteBuf data, long offset) {
        int n = data.readableBytes();
        Channel ch = pick(n);
        writeHeader(ch, EBlockHeader.data(n, offset));
        return sent(ch, n, ch.write(data));
    }

    @Override
    public CompletionStage<Void> sendFile(FileChannel file, long position, int count, long offset) {
        Channel ch = pick(count);
        writeHeader(ch, EBlockHeader.data(count, offset));
        return sent(ch, count, ch.write(new org.gantry.core.internal.data.FileSlice(file, position, count)));
    }

    /** Writes on the connections are ordered, so the EODs may be queued behind unsent data. */
    @Override
    public boolean endsAfterQueuedData() {
        return true;
    }

    @Override
    public CompletionStage<Void> finish() {
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        for (List<Channel> stripe : stripes) {
            for (int i = 0; i < stripe.size(); i++) {
                boolean last = i == stripe.size() - 1;
                Channel ch = stripe.get(i);
                ByteBuf header = ch.alloc().ioBuffer(EBlockHeader.SIZE);
                EBlockHeader.endOfData(last ? stripe.size() : 0, false).writeTo(header);
                ends.add(NettyFutures.toStage(ch.write(header)
                        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE)).thenApply(v -> null));
            }
        }
        scheduleFlush();
        return CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                .thenRun(() -> connector.keep(stripes));
    }

    @Override
    public void abort() {
        // Connections in the middle of a block cannot be reused.
        stripes.forEach(stripe -> stripe.forEach(Channel::close));
    }

    private Channel pick(int bytes) {
        List<Channel> stripe = stripes.get((int) (blocks++ % stripes.size()));
        Channel best = stripe.get(0);
        long least = Long.MAX_VALUE;
        for (Channel ch : stripe) {
            long q = queued.get(ch);
            if (q < least) {
                least = q;
                best = ch;
            }
        }
        queued.merge(best, (long) bytes, Long::sum);
        return best;
    }

    private static void writeHeader(Channel ch, EBlockHeader header) {
        ByteBuf buf = ch.alloc().ioBuffer(EBlockHeader.SIZE);
        header.writeTo(buf);
        ch.write(buf);
    }

    /**
     * One flush for everything written in this turn of the event loop: a small file's header,
     * data and EOF then leave in one segment instead of three.
     */
    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(() -> {
                flushScheduled = false;
                stripes.forEach(stripe -> stripe.forEach(Channel::flush));
            });
        }
    }

    private CompletionStage<Void> sent(Channel ch, int bytes, io.netty.channel.ChannelFuture write) {
        scheduleFlush();
        write.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        write.addListener(f -> queued.merge(ch, (long) -bytes, Long::sum));
        return NettyFutures.toStage(write).thenApply(v -> null);
    }
}
