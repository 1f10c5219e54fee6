package org.gantry.core.internal.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.gantry.core.internal.storage.Abortable;
import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.core.internal.storage.TransferRegistry;
import org.gantry.core.internal.transfer.TransferTask;

/**
 * The transfer command running in a session, seen from outside: ABOR, a lost control
 * connection, an admin kill or a DSI going away abort it here, whether it is still opening the
 * file or the data connection, or already moving data.
 */
public final class TransferSlot implements Abortable {

    private final String verb;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Throwable> abortRequested = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile TransferTask task;
    private volatile String path = "";
    private volatile String dsiName = "-";
    private volatile TransferRegistry.Registration registration;

    TransferSlot(String verb) {
        this.verb = verb;
    }

    /** Records the file and DSI and counts the transfer against that DSI. */
    public void describe(Target target, TransferRegistry registry) {
        this.path = target.userPath();
        DsiEntry entry = target.entry();
        this.dsiName = entry.name();
        this.registration = registry.register(entry, this);
    }

    @Override
    public void abort(Throwable cause) {
        if (abortRequested.complete(cause)) {
            TransferTask t = task;
            if (t != null) {
                t.abort(cause);
            }
        }
    }

    /**
     * The stage, or its failure with the abort cause if an abort comes first; a value that
     * arrives after the abort is handed to {@code discard} (to close a reader, abort a writer).
     */
    public <T> CompletionStage<T> guard(CompletionStage<T> stage, Consumer<? super T> discard) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else if (!out.complete(value) && value != null) {
                discard.accept(value);
            }
        });
        abortRequested.thenAccept(out::completeExceptionally);
        return out;
    }

    /** Hands the running task over, so aborts reach it; aborts it at once if already asked. */
    public void attach(TransferTask t) {
        this.task = t;
        if (abortRequested.isDone()) {
            t.abort(abortRequested.join());
        }
    }

    /** Called once the command's final reply is written. */
    void finish() {
        TransferRegistry.Registration r = registration;
        if (r != null) {
            r.close();
        }
        finished.complete(null);
    }

    @Override
    public CompletionStage<?> finished() {
        return finished;
    }

    public String verb() {
        return verb;
    }

    public String path() {
        return path;
    }

    public String dsiName() {
        return dsiName;
    }

    public long bytes() {
        TransferTask t = task;
        return t == null ? 0 : t.bytesTransferred();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public String describe() {
        return verb + " " + path + " (" + bytes() + " bytes)";
    }
}
