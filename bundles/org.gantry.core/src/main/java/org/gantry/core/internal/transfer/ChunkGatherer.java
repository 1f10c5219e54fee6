package org.gantry.core.internal.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/**
 * Joins the small slices the network delivers into chunks worth a storage write. MODE E streams
 * interleave, so runs are found by where they end: a slice continues the run ending at its
 * offset. Confined to the transfer's thread.
 */
final class ChunkGatherer {

    private final int chunkSize;
    private final BiConsumer<Long, ByteBuf> onChunk;
    private final Map<Long, Run> runsByEnd = new HashMap<>();

    /** @param onChunk receives (offset, data) of each finished chunk and owns the data */
    ChunkGatherer(int chunkSize, BiConsumer<Long, ByteBuf> onChunk) {
        this.chunkSize = chunkSize;
        this.onChunk = onChunk;
    }

    void add(long offset, ByteBuf data) {
        Run run = runsByEnd.remove(offset);
        if (run == null) {
            run = new Run(offset, data.alloc().compositeBuffer(64));
        }
        run.data.addComponent(true, data);
        if (run.data.readableBytes() >= chunkSize) {
            onChunk.accept(run.start, run.data);
        } else {
            runsByEnd.put(run.start + run.data.readableBytes(), run);
        }
    }

    /** Hands on every partial run, e.g. when the network has nothing more for now. */
    void flushAll() {
        runsByEnd.values().forEach(run -> onChunk.accept(run.start, run.data));
        runsByEnd.clear();
    }

    void release() {
        runsByEnd.values().forEach(run -> run.data.release());
        runsByEnd.clear();
    }

    private record Run(long start, CompositeByteBuf data) {
    }
}
