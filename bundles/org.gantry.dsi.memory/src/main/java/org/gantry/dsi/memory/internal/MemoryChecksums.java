package org.gantry.dsi.memory.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.support.CommitChecksums;

/**
 * Checksums of a memory DSI. A committed file's content never changes, so the checksums stored
 * in its node (from its upload, or computed over all of it later) stay valid for its life.
 * Every byte read for a checksum is counted in {@code reads}.
 */
final class MemoryChecksums {

    private static final int BUFFER = 64 * 1024;

    private final MemoryTree tree;
    private final LongAdder reads;

    MemoryChecksums(MemoryTree tree, LongAdder reads) {
        this.tree = tree;
        this.reads = reads;
    }

    /** The checksum of a range of the file at {@code names}; -1 (or past the end) means to the end. */
    String checksum(List<String> names, String algorithm, long offset, long length, LongConsumer progress)
            throws DsiException {
        String token = ChecksumAlgorithm.token(algorithm).orElse(algorithm);
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(token);
        Node.File file = tree.file(names);
        long size = file.content.size();
        long end = length < 0 || length > size - offset ? size : offset + length;
        boolean whole = offset == 0 && end == size;
        if (whole) {
            Optional<String> known = tree.storedChecksum(file, token);
            if (known.isPresent()) {
                return known.get();
            }
        }
        String value = compute(file.content, calculator, offset, end, progress);
        if (whole) {
            tree.storeChecksum(file, new Checksum(token, value));
        }
        return value;
    }

    /**
     * The checksums to store with an upload: the core's, and the SCKS value once it is checked
     * (computed from the content where the core did not compute it).
     */
    List<Checksum> verified(String dsiPath, ChunkedContent content, WriteRequest request, CommitInfo info)
            throws DsiException {
        return CommitChecksums.verified(dsiPath, request, info,
                algorithm -> compute(content, ChecksumAlgorithm.create(algorithm), 0, content.size(), n -> { }));
    }

    private String compute(ChunkedContent content, ChecksumAlgorithm.Calculator calculator, long offset, long end,
            LongConsumer progress) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (long position = offset; position < end; ) {
            buffer.clear().limit((int) Math.min(BUFFER, end - position));
            int count = content.read(buffer, position);
            position += count;
            reads.add(count);
            calculator.update(buffer.flip());
            progress.accept(position - offset);
        }
        return calculator.value();
    }
}
