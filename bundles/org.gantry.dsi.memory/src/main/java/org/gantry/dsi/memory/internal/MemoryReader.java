package org.gantry.dsi.memory.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;

/** Reads a committed file's content, which never changes, so reads need no locking. */
final class MemoryReader implements DsiReader {

    private final ChunkedContent content;
    private final String dsiPath;
    private volatile boolean closed;

    MemoryReader(ChunkedContent content, String dsiPath) {
        this.content = content;
        this.dsiPath = dsiPath;
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
            return content.read(destination, position);
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
