package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.Session;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * The 113 progress markers of one CKSM ({@code OPTS CKSM markers=n}): every n seconds the bytes
 * the DSI has processed so far. Markers go out on the session's event loop and stop there before
 * the final reply, so none can follow it.
 */
final class ChecksumMarkers {

    private final Session session;
    private final AtomicLong processed = new AtomicLong();
    private ScheduledFuture<?> timer;
    private boolean stopped;

    private ChecksumMarkers(Session session) {
        this.session = session;
    }

    /** Markers at {@code interval}, if the client asked for them. */
    static ChecksumMarkers start(Session session, Optional<Duration> interval) {
        ChecksumMarkers markers = new ChecksumMarkers(session);
        interval.ifPresent(every -> session.onLoop().execute(() -> markers.schedule(every)));
        return markers;
    }

    /** Receives the DSI's progress, from any thread. */
    LongConsumer progress() {
        return processed::set;
    }

    /** {@code work}, completing only after the markers have stopped. */
    <T> CompletionStage<T> until(CompletionStage<T> work) {
        return work.whenCompleteAsync((value, failure) -> stop(), session.onLoop());
    }

    private void schedule(Duration every) {
        if (stopped) {
            return;
        }
        long millis = every.toMillis();
        timer = session.eventLoop().scheduleAtFixedRate(this::send, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void send() {
        if (!stopped) {
            session.reply(Replies.checksumMarker(System.currentTimeMillis(), processed.get()));
        }
    }

    private void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
