package org.gantry.dsi.tape.internal.library;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the DSI's listener from one thread of its own, in the order outcomes happened, so no
 * library lock is ever held during a call and a slow catalogue does not stall the drives' locks.
 * Each outcome is reported at most once; after {@link #close} nothing more is called.
 */
final class ListenerDispatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private final LibraryListener listener;
    private final LibraryCounters counters;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tape-library-events");
        t.setDaemon(true);
        return t;
    });

    ListenerDispatch(LibraryListener listener, LibraryCounters counters) {
        this.listener = listener;
        this.counters = counters;
    }

    void flushed(long fileId, TapeLocation location) {
        counters.filesFlushed.incrementAndGet();
        counters.bytesFlushed.addAndGet(location.length());
        submit(() -> listener.flushed(fileId, location));
    }

    void flushFailed(long fileId, String reason) {
        counters.flushesFailed.incrementAndGet();
        LOG.info("Flush of file {} failed: {}", fileId, reason);
        submit(() -> listener.flushFailed(fileId, reason));
    }

    void recalled(long fileId, long bytes) {
        counters.filesRecalled.incrementAndGet();
        counters.bytesRecalled.addAndGet(bytes);
        submit(() -> listener.recalled(fileId));
    }

    void recallFailed(long fileId, String reason) {
        counters.recallsFailed.incrementAndGet();
        LOG.info("Recall of file {} failed: {}", fileId, reason);
        submit(() -> listener.recallFailed(fileId, reason));
    }

    private void submit(Runnable call) {
        try {
            thread.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("Tape library listener failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // Closing: outcomes of abandoned work are not reported; the DSI re-queues on restart.
        }
    }

    /** Drops unreported outcomes and waits for a call in progress to return. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("Tape library listener still busy 30 s after close");
        }
    }
}
