package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records every outcome in order and lets a test wait for them. */
final class RecordingListener implements LibraryListener {

    enum Kind { FLUSHED, FLUSH_FAILED, RECALLED, RECALL_FAILED }

    record Outcome(Kind kind, long fileId, TapeLocation location, String reason) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public void flushed(long fileId, TapeLocation location) {
        add(new Outcome(Kind.FLUSHED, fileId, location, null));
    }

    @Override
    public void flushFailed(long fileId, String reason) {
        add(new Outcome(Kind.FLUSH_FAILED, fileId, null, reason));
    }

    @Override
    public void recalled(long fileId) {
        add(new Outcome(Kind.RECALLED, fileId, null, null));
    }

    @Override
    public void recallFailed(long fileId, String reason) {
        add(new Outcome(Kind.RECALL_FAILED, fileId, null, reason));
    }

    private synchronized void add(Outcome outcome) {
        outcomes.add(outcome);
        notifyAll();
    }

    synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Waits until {@code count} outcomes in all, failing the test after {@code timeout}. */
    synchronized List<Outcome> awaitCount(int count, Duration timeout) throws InterruptedException {
        return await(o -> o.size() >= count, timeout, count + " outcomes");
    }

    /** Waits for the outcome of one file. */
    Outcome awaitFile(long fileId, Duration timeout) throws InterruptedException {
        List<Outcome> all = await(o -> o.stream().anyMatch(x -> x.fileId() == fileId), timeout, "an outcome for file " + fileId);
        return all.stream().filter(x -> x.fileId() == fileId).findFirst().orElseThrow();
    }

    synchronized List<Outcome> await(Predicate<List<Outcome>> done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(outcomes)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + what + "; have " + outcomes.size() + ": "
                        + outcomes.subList(Math.max(0, outcomes.size() - 5), outcomes.size()));
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(outcomes);
    }
}
