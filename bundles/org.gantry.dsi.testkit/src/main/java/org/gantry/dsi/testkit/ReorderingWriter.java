package org.gantry.dsi.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.support.InOrderStage;

/**
 * Writes blocks to a {@link DsiWriter} the way the protocol core does: straight through (and
 * concurrently) for a back-end with random writes, else through the shared
 * {@link InOrderStage}, so blocks may be submitted in any order and from any thread while the
 * DSI sees them strictly ascending, one at a time. Lets contract tests exercise out-of-order
 * arrival against every DSI. Each write's stage completes when its block is written.
 */
public final class ReorderingWriter {

    private record Pending(ByteBuffer data, long offset, CompletableFuture<Void> done) {
    }

    private final DsiWriter writer;
    /** Null for a back-end that takes writes in any order. */
    private final InOrderStage<Pending> stage;
    private final List<Long> offsetsWritten = new ArrayList<>();
    private Throwable failure;

    public ReorderingWriter(DsiWriter writer, DsiCapabilities capabilities) {
        this(writer, capabilities, List.of());
    }

    /** For a resumed upload: {@code present} ranges are held already and never expected. */
    public ReorderingWriter(DsiWriter writer, DsiCapabilities capabilities, List<ByteRange> present) {
        this.writer = writer;
        this.stage = capabilities.randomWrites() ? null : new InOrderStage<>(0, present);
    }

    /** Submits {@code data} for {@code offset}; blocks must not overlap. */
    public CompletionStage<Void> write(ByteBuffer data, long offset) {
        if (stage == null) {
            synchronized (this) {
                offsetsWritten.add(offset);
            }
            return writer.write(data, offset);
        }
        Pending pending = new Pending(data, offset, new CompletableFuture<>());
        synchronized (this) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            stage.add(offset, data.remaining(), pending);
        }
        issueNext();
        return pending.done();
    }

    /** The offsets in the order they were handed to the DSI. */
    public synchronized List<Long> offsetsWritten() {
        return List.copyOf(offsetsWritten);
    }

    /** Blocks held back because an earlier one has not been submitted yet. */
    public synchronized int waiting() {
        return stage == null ? 0 : stage.size();
    }

    private void issueNext() {
        Pending next;
        synchronized (this) {
            next = failure == null ? stage.poll() : null;
            if (next == null) {
                return;
            }
            offsetsWritten.add(next.offset());
        }
        CompletionStage<Void> write;
        try {
            write = writer.write(next.data(), next.offset());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((v, t) -> finished(next, t));
    }

    private void finished(Pending pending, Throwable t) {
        List<Pending> abandoned = List.of();
        synchronized (this) {
            if (t != null) {
                failure = t;
                abandoned = stage.drain();
            } else {
                stage.written();
            }
        }
        if (t != null) {
            pending.done().completeExceptionally(t);
            abandoned.forEach(p -> p.done().completeExceptionally(t));
            return;
        }
        pending.done().complete(null);
        issueNext();
    }
}
