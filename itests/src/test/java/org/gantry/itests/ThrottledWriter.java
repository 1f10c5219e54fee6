package org.gantry.itests;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * One upload to {@link ThrottledDsi}: a write completes only when the shared pacer says the slow
 * device is done with it, on the DSI's threads; until then the core must keep the buffer, which is
 * what makes it stop reading the network. The bytes are checked, not kept.
 */
final class ThrottledWriter implements DsiWriter {

    private final String dsiPath;
    private final long seed;
    private final BytePacer pacer;
    private final ScheduledExecutorService executor;
    private final BiConsumer<String, ThrottledDsi.StoredUpload> onCommit;
    private final Runnable onAbort;
    private final LongConsumer onStored;

    /** Guarded by this. */
    private final ByteRanges coverage = new ByteRanges();
    private long bytesWritten;
    private long firstMismatch = -1;
    private boolean open = true;

    ThrottledWriter(String dsiPath, long seed, BytePacer pacer, ScheduledExecutorService executor,
            BiConsumer<String, ThrottledDsi.StoredUpload> onCommit, Runnable onAbort, LongConsumer onStored) {
        this.dsiPath = dsiPath;
        this.seed = seed;
        this.pacer = pacer;
        this.executor = executor;
        this.onCommit = onCommit;
        this.onAbort = onAbort;
        this.onStored = onStored;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer source, long position) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long delay = pacer.book(source.remaining());
        try {
            // The buffer stays the core's until the stage completes, so it is read only then.
            executor.schedule(() -> {
                try {
                    store(source, position);
                    done.complete(null);
                } catch (DsiException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new StorageUnavailableException("the throttled DSI has been stopped"));
        }
        return done;
    }

    private void store(ByteBuffer source, long position) throws DsiException {
        int n = source.remaining();
        long mismatch = SeededContent.firstMismatch(source, seed, position);
        synchronized (this) {
            if (!open) {
                throw new DsiException(dsiPath + ": the upload is no longer open");
            }
            if (mismatch >= 0 && (firstMismatch < 0 || mismatch < firstMismatch)) {
                firstMismatch = mismatch;
            }
            coverage.add(position, position + n);
            bytesWritten += n;
        }
        source.position(source.limit());
        onStored.accept(n);
    }

    @Override
    public synchronized List<ByteRange> durableRanges() {
        return coverage.list().stream().map(r -> new ByteRange(r.start(), r.end())).toList();
    }

    @Override
    public synchronized CompletionStage<Void> commit(CommitInfo info) {
        if (!open) {
            return CompletableFuture.failedFuture(new DsiException(dsiPath + ": the upload is already finished"));
        }
        open = false;
        onCommit.accept(dsiPath, new ThrottledDsi.StoredUpload(info.size(), coverage.copy(), bytesWritten,
                firstMismatch));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> abort(Throwable cause) {
        if (open) {
            open = false;
            onAbort.run();
        }
        return CompletableFuture.completedFuture(null);
    }
}
