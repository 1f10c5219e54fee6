package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * The tape DSI's threads: a pool for blocking disk and catalogue work, so the core's event loops
 * never wait, and a timer for retries. Failures come back as {@link DsiException}s.
 */
final class Background implements AutoCloseable {

    /** Work that may block. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException, DsiException;
    }

    private final ExecutorService pool;
    private final ScheduledExecutorService timer;

    Background(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "gantry-dsi-tape-" + name + "-"
                + count.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gantry-dsi-tape-" + name + "-timer"));
    }

    <T> CompletionStage<T> run(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.run());
                } catch (DsiException e) {
                    result.completeExceptionally(e);
                } catch (java.nio.file.NoSuchFileException e) {
                    result.completeExceptionally(new NotFoundException(e.getMessage(), e));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new DsiException("tape DSI I/O failed: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StorageUnavailableException("the tape DSI has been stopped", e));
        }
        return result;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        pool.shutdown();
        timer.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
