package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * Runs blocking file-system calls on this DSI's bounded thread pool, so that callers (the core's
 * event loops) never block, and turns every failure into a typed {@link DsiException}.
 */
final class BlockingIo implements AutoCloseable {

    /** A blocking call. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws IOException, DsiException;
    }

    private final ExecutorService executor;

    BlockingIo(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "gantry-dsi-posix-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // Fixed threads, unbounded queue: the core already bounds the I/O it keeps outstanding.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    /** Runs {@code task} asynchronously; {@code dsiPath} names the subject in error messages. */
    <T> CompletionStage<T> supply(String dsiPath, Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.run());
                } catch (Throwable failure) {
                    result.completeExceptionally(IoErrors.toDsi(failure, dsiPath));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StorageUnavailableException("the POSIX DSI has been stopped", e));
        }
        return result;
    }

    /**
     * Like {@link #supply}, but runs {@code task} on the calling thread once the pool is stopped:
     * for clean-up that must happen even while the DSI shuts down.
     */
    <T> CompletionStage<T> supplyEvenWhenStopped(String dsiPath, Task<T> task) {
        if (!executor.isShutdown()) {
            return supply(dsiPath, task);
        }
        try {
            return CompletableFuture.completedFuture(task.run());
        } catch (Throwable failure) {
            return CompletableFuture.failedFuture(IoErrors.toDsi(failure, dsiPath));
        }
    }

    /** Stops taking work and waits briefly for running calls to finish. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
