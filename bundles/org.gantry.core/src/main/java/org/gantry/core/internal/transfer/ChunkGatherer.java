package org.gantry.core.internal.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;

/**
 * Joins the small slices the network delivers into chunks worth a storage write. MODE E streams
 * interleave, so runs are found by where they end: a slice continues the run ending at its
 * offset. Slices are copied once into a pooled direct buffer per chunk: a file write from one
 * direct buffer needs no further copy, where a composite of many slices would be merged into a
 * heap buffer and copied again by the JDK. Confined to the transfer's thread.
 */
final class ChunkGatherer {

    private final int chunkSize;
    private final int firstCapacity;
    private final BiConsumer<Long, ByteBuf> onChunk;
    private final Map<Long, Run> runsByEnd = new HashMap<>();

    /**
     * @param firstCapacity what a new run's buffer starts with; it grows (doubling) up to
     *                      {@code chunkSize}, so a run that stays short, like one MODE E block
     *                      among interleaved streams, does not pin a whole chunk of memory
     * @param onChunk       receives (offset, data) of each finished chunk and owns the data
     */
    ChunkGatherer(int chunkSize, int firstCapacity, BiConsumer<Long, ByteBuf> onChunk) {
        this.chunkSize = chunkSize;
        this.firstCapacity = Math.min(firstCapacity, chunkSize);
        this.onChunk = onChunk;
    }

    /** Takes ownership of {@code data}. */
    void add(long offset, ByteBuf data) {
        while (data.isReadable()) {
            Run run = runsByEnd.remove(offset);
            if (run == null) {
                if (data.readableBytes() >= chunkSize && data.nioBufferCount() == 1) {
                    onChunk.accept(offset, data); // already a whole chunk in one buffer
                    return;
                }
                run = new Run(offset, data.alloc().directBuffer(firstCapacity, chunkSize));
            }
            int n = Math.min(run.data.maxWritableBytes(), data.readableBytes());
            run.data.writeBytes(data, n);
            offset += n;
            if (run.data.readableBytes() < chunkSize) {
                runsByEnd.put(offset, run);
            } else {
                onChunk.accept(run.start, run.data);
            }
        }
        data.release();
    }

    /** Hands on every partial run, e.g. when the back-end would otherwise sit idle. */
    void flushAll() {
        runsByEnd.values().forEach(run -> onChunk.accept(run.start, run.data));
        runsByEnd.clear();
    }

    void release() {
        runsByEnd.values().forEach(run -> run.data.release());
        runsByEnd.clear();
    }

    private record Run(long start, ByteBuf data) {
    }
}
