package org.gantry.core.internal.transfer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.support.InOrderStage;

import io.netty.buffer.ByteBuf;

/**
 * Chunks waiting to be written. Back-ends with random writes take them in any order, several at
 * a time; others get them strictly in ascending offset order, one at a time, and the queue holds
 * early chunks back (the bounded reorder stage). Confined to the transfer's thread.
 */
abstract class WriteQueue {

    record Chunk(long offset, ByteBuf data) {
        long end() {
            return offset + data.readableBytes();
        }
    }

    /**
     * @param start   the file offset of the transfer's first byte
     * @param present file ranges already stored, which in-order writing skips
     */
    static WriteQueue forBackEnd(boolean randomWrites, long start, List<ByteRange> present) {
        return randomWrites ? new AnyOrder() : new InOrder(start, present);
    }

    abstract void add(Chunk chunk);

    /** The next chunk that may be written now, or null. */
    abstract Chunk poll();

    /** The next chunk if it is the only one left and may be written now, else null. */
    Chunk pollOnly() {
        return size() == 1 ? poll() : null;
    }

    abstract int size();

    /** Called when the write of {@code chunk} has finished. */
    abstract void written(Chunk chunk);

    /** How many writes may run at once. */
    abstract int maxConcurrentWrites();

    /** Whether chunks wait only because an earlier one has not arrived yet. */
    abstract boolean waitingForGap();

    final boolean isEmpty() {
        return size() == 0;
    }

    abstract void release();

    private static final class AnyOrder extends WriteQueue {
        private final Deque<Chunk> chunks = new ArrayDeque<>();

        @Override
        void add(Chunk chunk) {
            chunks.add(chunk);
        }

        @Override
        Chunk poll() {
            return chunks.poll();
        }

        @Override
        void written(Chunk chunk) {
        }

        @Override
        int maxConcurrentWrites() {
            return 4;
        }

        @Override
        boolean waitingForGap() {
            return false;
        }

        @Override
        int size() {
            return chunks.size();
        }

        @Override
        void release() {
            chunks.forEach(c -> c.data().release());
            chunks.clear();
        }
    }

    /** Holds early chunks back in the shared {@link InOrderStage}. */
    private static final class InOrder extends WriteQueue {
        private final InOrderStage<Chunk> stage;

        InOrder(long start, List<ByteRange> present) {
            this.stage = new InOrderStage<>(start, present);
        }

        @Override
        void add(Chunk chunk) {
            stage.add(chunk.offset(), chunk.data().readableBytes(), chunk);
        }

        @Override
        Chunk poll() {
            return stage.poll();
        }

        @Override
        void written(Chunk chunk) {
            stage.written();
        }

        @Override
        int maxConcurrentWrites() {
            return 1;
        }

        @Override
        boolean waitingForGap() {
            return stage.waitingForGap();
        }

        @Override
        int size() {
            return stage.size();
        }

        @Override
        void release() {
            stage.drain().forEach(c -> c.data().release());
        }
    }
}
