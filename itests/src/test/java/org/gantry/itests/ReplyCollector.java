package org.gantry.itests;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Reads a running transfer's replies (111/112 markers, then the final one) off the test thread
 * and time-stamps each on arrival, so that a test can relate markers to what it had sent by then.
 * Stops after the first reply that is not 1xx, or when the control connection fails.
 */
final class ReplyCollector {

    /** A reply and {@link System#nanoTime()} when it had been read completely. */
    record Timed(FtpReply reply, long nanos) {
    }

    private final List<Timed> replies = new CopyOnWriteArrayList<>();
    private final CompletableFuture<FtpReply> last = new CompletableFuture<>();

    private ReplyCollector() {
    }

    static ReplyCollector start(FtpTestClient ftp) {
        ReplyCollector collector = new ReplyCollector();
        Thread reader = new Thread(() -> collector.readAll(ftp), "reply-collector");
        reader.setDaemon(true);
        reader.start();
        return collector;
    }

    private void readAll(FtpTestClient ftp) {
        try {
            FtpReply reply;
            do {
                reply = ftp.readReply();
                replies.add(new Timed(reply, System.nanoTime()));
            } while (reply.isPreliminary());
            last.complete(reply);
        } catch (IOException e) {
            last.completeExceptionally(e);
        }
    }

    List<Timed> replies() {
        return List.copyOf(replies);
    }

    /** Waits for the first reply matching {@code match}; fails on timeout or if the transfer ended. */
    Timed await(String what, Predicate<FtpReply> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Timed timed : replies) {
                if (match.test(timed.reply())) {
                    return timed;
                }
            }
            if (last.isDone()) {
                throw new AssertionError("the transfer ended before " + what + "; replies: " + replies);
            }
            Await.pause();
        }
        throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; replies: " + replies);
    }

    /** The final reply; fails if it does not come within {@code timeout}. */
    FtpReply awaitFinal(Duration timeout) {
        try {
            return last.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no final reply within " + timeout.toSeconds() + " s; replies: " + replies);
        } catch (ExecutionException e) {
            throw new AssertionError("control connection failed; replies so far: " + replies, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
