package org.gantry.core.internal.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.gantry.core.internal.protocol.FtpCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's commands one after the other, in arrival order, so replies never overtake
 * each other: on the shared command pool, or, for transfer commands (which only start
 * asynchronous work), on the session's event loop. The control channel keeps reading ahead (pipelining):
 * commands wait here. Commands that may act at once (ABOR, STAT) skip the queue while a transfer
 * runs; ABOR also while a transfer command still waits its turn, which it then aborts before it
 * starts. A very long queue pauses reading from the client until it drains.
 */
final class CommandQueue {

    private static final Logger LOG = LoggerFactory.getLogger(CommandQueue.class);
    static final int PAUSE_READING_AT = 64;
    static final int RESUME_READING_AT = 16;

    private final Session session;
    private final CommandRunner runner;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean busyWithTransfer;
    private boolean closed;
    private boolean paused;
    private CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

    /** A command waiting its turn; transfer commands get their slot on arrival, so ABOR can reach it. */
    private record Pending(FtpCommand command, TransferSlot slot) {
    }

    CommandQueue(Session session, CommandRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    void submit(FtpCommand command) {
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean transferWaiting = waiting.stream().anyMatch(p -> p.slot() != null);
            if (busy && busyWithTransfer && runner.runsDuringTransfer(command)
                    || transferWaiting && runner.abortsTransfers(command)) {
                execute(() -> safeRun(command));
                return;
            }
            TransferSlot slot = runner.isTransfer(command) ? session.newTransfer(command.verb()) : null;
            waiting.addLast(new Pending(command, slot));
            if (!paused && waiting.size() >= PAUSE_READING_AT) {
                paused = true;
                session.readFromClient(false);
            }
        }
        runNext();
    }

    /** Completes when the command running now (if any) has finished. */
    synchronized CompletionStage<Void> whenIdle() {
        return current;
    }

    /** Drops waiting commands (their transfer slots end unrun); nothing new is started. */
    void close() {
        Deque<Pending> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        dropped.stream().filter(p -> p.slot() != null).forEach(p -> session.endTransfer(p.slot()));
    }

    private void runNext() {
        Pending next;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (busy || closed || waiting.isEmpty()) {
                return;
            }
            next = waiting.pollFirst();
            busy = true;
            busyWithTransfer = next.slot() != null;
            if (busyWithTransfer) {
                session.startTransfer(next.slot());
            }
            current = done;
            if (paused && waiting.size() <= RESUME_READING_AT) {
                paused = false;
                session.readFromClient(true);
            }
        }
        // Transfer commands only start asynchronous work, so they run on the session's event loop,
        // where their data connections and replies live: no hand-over to the pool per file.
        Executor where = next.slot() != null ? session.eventLoop() : null;
        execute(where, () -> safeRun(next.command()).whenComplete((v, t) -> {
            synchronized (this) {
                busy = false;
                busyWithTransfer = false;
            }
            done.complete(null);
            runNext();
        }));
    }

    private CompletionStage<Void> safeRun(FtpCommand command) {
        try {
            return runner.run(session, command);
        } catch (RuntimeException e) {
            LOG.error("Bug: running '{}' failed", command, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private void execute(Runnable task) {
        execute(null, task);
    }

    /** Runs {@code task} on {@code where}, or on the shared command pool if that is null. */
    private void execute(Executor where, Runnable task) {
        try {
            (where != null ? where : session.server().commandPool()).execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Bug: command execution failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Command pool is shut down; dropping work for session {}", session.id());
            synchronized (this) {
                busy = false;
                closed = true;
            }
            current.complete(null);
        }
    }
}
