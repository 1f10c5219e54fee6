package org.gantry.dsi.s3.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * Runs the blocking S3 calls on the instance's request threads, so that no caller's thread
 * (least of all a Netty event loop) waits on the network.
 */
final class Requests {

    /** A blocking piece of work that fails with a DSI failure. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws DsiException;
    }

    /** As {@link Call}, with no result. */
    @FunctionalInterface
    interface Action {
        void run() throws DsiException;
    }

    private final ExecutorService threads;

    Requests(ExecutorService threads) {
        this.threads = threads;
    }

    <T> CompletionStage<T> call(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    result.complete(call.run());
                } catch (DsiException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(new StorageUnavailableException("the S3 DSI has stopped", stopped));
        }
        return result;
    }

    CompletionStage<Void> run(Action action) {
        return call(() -> {
            action.run();
            return null;
        });
    }
}
