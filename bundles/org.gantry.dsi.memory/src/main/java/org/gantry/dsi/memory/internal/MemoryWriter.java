package org.gantry.dsi.memory.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.RangeSet;

/**
 * An upload staged outside the tree and swapped in on commit. Bytes are charged to the budget
 * as the file grows (or up front for an ALLO size); a write that does not fit fails at once.
 */
final class MemoryWriter implements DsiWriter {

    private final MemoryTree tree;
    private final SpaceAccount space;
    private final MemoryChecksums checksums;
    private final List<String> names;
    private final String dsiPath;
    private final WriteRequest request;
    private final String owner;
    private final RangeSet durable = new RangeSet();
    private final Consumer<MemoryWriter> onFinished;

    /** Guarded by this: the staged bytes, what is charged for them, whether the upload is open. */
    private ChunkedContent content;
    private long reserved;
    private boolean open = true;

    /**
     * @param content  the staged bytes (a copy of the old file when appending)
     * @param reserved bytes already charged to {@code space} for this upload
     */
    MemoryWriter(MemoryTree tree, SpaceAccount space, MemoryChecksums checksums, List<String> names, String dsiPath,
            WriteRequest request, String owner, ChunkedContent content, long reserved,
            Consumer<MemoryWriter> onFinished) {
        this.tree = tree;
        this.space = space;
        this.checksums = checksums;
        this.names = names;
        this.dsiPath = dsiPath;
        this.request = request;
        this.owner = owner;
        this.content = content;
        this.reserved = reserved;
        this.onFinished = onFinished;
        durable.add(0, content.size());
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer source, long position) {
        return Stages.run(() -> {
            writeNow(source, position);
            return null;
        });
    }

    private synchronized void writeNow(ByteBuffer source, long position) throws DsiException {
        if (!open) {
            throw new DsiException(dsiPath + ": the upload is no longer open");
        }
        long end = position + source.remaining();
        if (position < 0 || end < position) {
            throw new DsiException(dsiPath + ": invalid write position");
        }
        if (end > reserved) {
            if (!space.tryReserve(end - reserved)) {
                throw new NoSpaceException(dsiPath + ": the memory DSI is full");
            }
            reserved = end;
        }
        content.write(source, position);
        durable.add(position, end);
    }

    @Override
    public List<ByteRange> durableRanges() {
        return durable.toList();
    }

    @Override
    public synchronized CompletionStage<Void> commit(CommitInfo info) {
        return Stages.run(() -> {
            if (!open) {
                throw new DsiException(dsiPath + ": the upload is already finished");
            }
            open = false;
            try {
                tree.commit(names, content, owner, request.modificationTime().orElseGet(Instant::now),
                        checksums.verified(dsiPath, content, request, info));
                // The file is charged its size; an unused ALLO reservation goes back.
                space.release(reserved - content.size());
            } catch (DsiException | RuntimeException e) {
                space.release(reserved);
                throw e;
            } finally {
                content = null;
                onFinished.accept(this);
            }
            return null;
        });
    }

    /** Idempotent; a no-op once the upload was committed. */
    @Override
    public synchronized CompletionStage<Void> abort(Throwable cause) {
        if (open) {
            open = false;
            space.release(reserved);
            content = null;
            onFinished.accept(this);
        }
        return Stages.run(() -> null);
    }
}
