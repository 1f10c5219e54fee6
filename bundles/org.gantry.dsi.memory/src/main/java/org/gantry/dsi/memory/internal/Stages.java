package org.gantry.dsi.memory.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DsiException;

/**
 * Memory operations are short and never block, so they run on the caller's thread and return
 * an already completed stage; failures are always {@link DsiException}s.
 */
final class Stages {

    /** Work that may fail with a typed DSI failure. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws DsiException;
    }

    private Stages() {
    }

    static <T> CompletionStage<T> run(Work<T> work) {
        try {
            return CompletableFuture.completedFuture(work.run());
        } catch (DsiException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new DsiException("internal error: " + e, e));
        }
    }
}
