package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.dsi.api.ByteRange;

import io.netty.util.concurrent.EventExecutor;

/**
 * The 112 performance and 111 range markers of one MODE E receive: a zero marker at the start,
 * one of each per interval while data flows, and final ones just before 226. FTS and Globus
 * Transfer watch 112 for progress; 111 is what a client feeds back with REST after a failure,
 * so it only names ranges the DSI reports as durably stored.
 */
final class TransferMarkers {

    private final Session session;
    private final LongSupplier bytes;
    private final Supplier<List<ByteRange>> stored;
    private ScheduledFuture<?> perfTimer;
    private ScheduledFuture<?> rangeTimer;
    private String lastRanges = "";

    private TransferMarkers(Session session, LongSupplier bytes, Supplier<List<ByteRange>> stored) {
        this.session = session;
        this.bytes = bytes;
        this.stored = stored;
    }

    /** Starts markers on {@code executor}; call {@link #finish} or {@link #stop} at the end. */
    static TransferMarkers start(Session session, EventExecutor executor, LongSupplier bytes,
            Supplier<List<ByteRange>> stored) {
        TransferMarkers m = new TransferMarkers(session, bytes, stored);
        Duration perf = session.parameters().performanceMarkerInterval().orElse(session.options().markerInterval());
        Duration range = session.parameters().restartMarkerInterval().orElse(session.options().markerInterval());
        m.session.replySoon(Replies.performanceMarker(System.currentTimeMillis(), 0));
        m.perfTimer = executor.scheduleAtFixedRate(m::sendPerformance, perf.toMillis(), perf.toMillis(),
                TimeUnit.MILLISECONDS);
        m.rangeTimer = executor.scheduleAtFixedRate(m::sendRanges, range.toMillis(), range.toMillis(),
                TimeUnit.MILLISECONDS);
        return m;
    }

    /**
     * The last markers, after the data is complete and stored. The 226 follows at once, so they
     * wait for it and leave in one segment: a client moving small files wakes up once per file.
     */
    void finish() {
        stop();
        session.replySoon(performance());
        rangeMarker().ifPresent(session::replySoon);
    }

    void stop() {
        perfTimer.cancel(false);
        rangeTimer.cancel(false);
    }

    private void sendPerformance() {
        session.reply(performance());
    }

    private void sendRanges() {
        rangeMarker().ifPresent(session::reply);
    }

    private Reply performance() {
        return Replies.performanceMarker(System.currentTimeMillis(), bytes.getAsLong());
    }

    /** A 111 marker if the stored ranges changed since the last one. */
    private synchronized Optional<Reply> rangeMarker() {
        String ranges = stored.get().stream()
                .map(r -> r.start() + "-" + r.end())
                .collect(Collectors.joining(","));
        if (ranges.isEmpty() || ranges.equals(lastRanges)) {
            return Optional.empty();
        }
        lastRanges = ranges;
        return Optional.of(Replies.rangeMarker(ranges));
    }
}
