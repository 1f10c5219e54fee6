package org.gantry.core.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NoSpaceException;

/** An upload to a {@link MemoryDsi}: staged privately, visible only after commit. */
final class MemoryDsiWriter implements DsiWriter {

    private final MemoryDsi dsi;
    private final String path;
    private byte[] staged;
    private boolean finished;

    MemoryDsiWriter(MemoryDsi dsi, String path, byte[] start) {
        this.dsi = dsi;
        this.path = path;
        this.staged = start;
    }

    @Override
    public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
        int n = source.remaining();
        long end = position + n;
        long growth = Math.max(0, end - staged.length);
        if (dsi.used() + staged.length + growth > dsi.capacity) {
            return CompletableFuture.failedFuture(new NoSpaceException("full"));
        }
        if (end > staged.length) {
            staged = Arrays.copyOf(staged, (int) end);
        }
        source.get(staged, (int) position, n);
        return CompletableFuture.runAsync(() -> { }, MemoryDsi.ASYNC);
    }

    @Override
    public List<ByteRange> durableRanges() {
        return List.of();
    }

    @Override
    public synchronized CompletionStage<Void> commit(CommitInfo info) {
        finished = true;
        dsi.openWriters.decrementAndGet();
        byte[] data = info.size() < staged.length ? Arrays.copyOf(staged, (int) info.size()) : staged;
        dsi.nodes.put(path, MemoryDsi.Node.file(data));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> abort(Throwable cause) {
        if (!finished) {
            finished = true;
            dsi.openWriters.decrementAndGet();
            dsi.abortedWriters.incrementAndGet();
        }
        return CompletableFuture.completedFuture(null);
    }
}
