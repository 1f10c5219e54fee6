package org.gantry.core.internal.transfer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The life cycle every data transfer shares, independent of direction and mode: all state is
 * confined to one event-loop thread; the task ends exactly once, by success, failure or abort;
 * a watchdog aborts it when no byte moved for the data timeout.
 */
public abstract class TransferTask {

    protected final EventExecutor executor;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final long timeoutNanos;
    private volatile long bytes;
    private long lastProgressNanos;
    private ScheduledFuture<?> watchdog;
    private boolean done;

    protected TransferTask(EventExecutor executor, Duration dataTimeout) {
        this.executor = executor;
        this.timeoutNanos = dataTimeout.toNanos();
    }

    /** Starts the transfer; the stage completes with the number of bytes moved. */
    public final CompletionStage<Long> start() {
        onLoop(() -> {
            if (done) {
                return; // aborted before it started
            }
            lastProgressNanos = System.nanoTime();
            long period = Math.max(50, Math.min(5000, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
            watchdog = executor.scheduleAtFixedRate(this::checkProgress, period, period, TimeUnit.MILLISECONDS);
            begin();
        });
        return result;
    }

    /** Stops the transfer from outside (ABOR, lost control connection, DSI gone); idempotent. */
    public final void abort(Throwable cause) {
        onLoop(() -> {
            if (!done && acceptsAbort()) {
                fail(cause);
            }
        });
    }

    /** Bytes moved so far; readable from any thread. */
    public final long bytesTransferred() {
        return bytes;
    }

    protected abstract void begin();

    /** Releases connections and storage handles after a failure; completes when that is done. */
    protected abstract CompletionStage<?> release(Throwable cause);

    /** False while finishing steps run that must not be interrupted (e.g. a commit). */
    protected boolean acceptsAbort() {
        return true;
    }

    protected final boolean isDone() {
        return done;
    }

    protected final void progress(long n) {
        bytes += n;
        lastProgressNanos = System.nanoTime();
    }

    protected final void succeed() {
        if (!done) {
            done = true;
            stopWatchdog();
            result.complete(bytes);
        }
    }

    protected final void fail(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        stopWatchdog();
        CompletionStage<?> released;
        try {
            released = release(cause);
        } catch (RuntimeException e) {
            released = CompletableFuture.completedFuture(null);
        }
        released.whenComplete((v, t) -> result.completeExceptionally(cause));
    }

    /**
     * Succeeds once the data connection has flushed and closed its side ({@code flushed}), or
     * fails as a lost data connection.
     */
    protected final void succeedWhenFlushed(CompletionStage<?> flushed) {
        flushed.whenComplete((v, e) -> onLoop(() -> {
            if (e != null) {
                fail(new FtpReplyException(Replies.DATA_CONNECTION_LOST, e));
            } else {
                succeed();
            }
        }));
    }

    /** Runs on the task's thread, or inline if that thread is gone (server shutting down). */
    protected final void onLoop(Runnable action) {
        if (executor.inEventLoop()) {
            action.run();
            return;
        }
        try {
            executor.execute(action);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }

    private void checkProgress() {
        if (!done && System.nanoTime() - lastProgressNanos > timeoutNanos) {
            fail(new FtpReplyException(Replies.DATA_TIMEOUT));
        }
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }
}
