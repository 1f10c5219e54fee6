package org.gantry.core.internal.checksum;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs tasks one after another, in submission order, on a shared pool: the state they touch
 * needs no lock, and the work stays off the event loop. A failed task does not stop the next.
 */
final class SerialLane {

    private final Executor executor;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    SerialLane(Executor pool) {
        // A pool that is shutting down runs the task here, so that no stage is left pending.
        this.executor = task -> {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
        };
    }

    synchronized <T> CompletableFuture<T> supply(Supplier<T> task) {
        CompletableFuture<T> next = tail.handle((v, t) -> null).thenApplyAsync(v -> task.get(), executor);
        tail = next;
        return next;
    }

    CompletableFuture<Void> run(Runnable task) {
        return supply(() -> {
            task.run();
            return null;
        });
    }
}
