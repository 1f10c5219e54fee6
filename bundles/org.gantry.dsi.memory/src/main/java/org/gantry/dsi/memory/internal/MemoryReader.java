package org.gantry.dsi.memory.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;

/** Reads a committed file's content, which never changes, so reads need no locking. */
final class MemoryReader implements DsiReader {

    private final ChunkedContent content;
    private final String dsiPath;
    private final LongAdder reads;
    private volatile boolean closed;

    /** @param reads counts the bytes read */
    MemoryReader(ChunkedContent content, String dsiPath, LongAdder reads) {
        this.content = content;
        this.dsiPath = dsiPath;
        this.reads = reads;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public CompletionStage<Integer> read(ByteBuffer destination, long position) {
        return Stages.run(() -> {
            if (closed) {
                throw new DsiException(dsiPath + ": the reader is closed");
            }
            if (position < 0) {
                throw new DsiException(dsiPath + ": negative read position");
            }
            int count = content.read(destination, position);
            if (count > 0) {
                reads.add(count);
            }
            return count;
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
