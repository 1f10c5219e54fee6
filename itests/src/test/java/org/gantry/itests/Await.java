package org.gantry.itests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes; never a bare sleep-and-hope. */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} (and the last state) if not. */
    public static void until(String what, Duration timeout, BooleanSupplier condition,
            java.util.function.Supplier<String> lastState) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + "; last state: " + lastState.get());
            }
            pause();
        }
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "n/a");
    }

    static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
