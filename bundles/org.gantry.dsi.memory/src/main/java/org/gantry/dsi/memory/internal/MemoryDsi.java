package org.gantry.dsi.memory.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.support.ChecksumAlgorithm;

/** A bounded, thread-safe file tree in memory: for tests and protocol benchmarks. */
final class MemoryDsi implements Dsi, AutoCloseable {

    static final DsiCapabilities CAPABILITIES = new DsiCapabilities(
            true,   // randomWrites
            true,   // append
            true,   // partialReads
            false,  // keepsPartialUploads: an aborted upload is dropped
            false,  // symlinks
            true,   // permissions (stored, not enforced)
            true,   // modificationTimes
            ChecksumAlgorithm.NAMES,
            false,  // placement
            false); // staging

    private final SpaceAccount space;
    private final MemoryTree tree;
    private final MemoryUploads uploads;
    private final LongAdder reads = new LongAdder();
    private final MemoryChecksums checksums;
    private volatile boolean closed;

    /** @param capacity the most bytes of file content this DSI holds, uploads in progress included */
    MemoryDsi(long capacity) {
        this.space = new SpaceAccount(capacity);
        this.tree = new MemoryTree(space);
        this.checksums = new MemoryChecksums(tree, reads);
        this.uploads = new MemoryUploads(tree, space, checksums);
    }

    /** File content read so far, by readers and checksum computations. */
    @Override
    public Map<String, Long> counters() {
        return Map.of(BYTES_READ, reads.sum());
    }

    @Override
    public DsiCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        if (closed) {
            return CompletableFuture.failedFuture(new StorageUnavailableException("the memory DSI has been stopped"));
        }
        return CompletableFuture.completedFuture(new MemorySession(this, context));
    }

    /** Changes the budget at run time; content is kept. */
    void setCapacity(long capacity) {
        space.setCapacity(capacity);
    }

    long availableBytes() {
        return space.available();
    }

    long usedBytes() {
        return space.used();
    }

    /** Aborts unfinished uploads; later calls fail with StorageUnavailableException. */
    @Override
    public void close() {
        closed = true;
        uploads.abortAll();
    }

    boolean isClosed() {
        return closed;
    }

    MemoryTree tree() {
        return tree;
    }

    MemoryUploads uploads() {
        return uploads;
    }

    MemoryChecksums checksums() {
        return checksums;
    }

    LongAdder reads() {
        return reads;
    }
}
