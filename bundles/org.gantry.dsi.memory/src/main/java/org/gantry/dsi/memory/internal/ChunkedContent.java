package org.gantry.dsi.memory.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * File bytes in chunks of at most {@value #CHUNK_SIZE} bytes, allocated only where data was
 * written (holes read as zeros) and grown in powers of two, so small files stay small.
 *
 * <p>Not thread-safe: an upload's content is confined to its writer, which serialises writes;
 * after commit it is never modified again, so any number of readers may share it.
 */
final class ChunkedContent {

    static final int CHUNK_SIZE = 64 * 1024;

    private static final int SMALLEST_CHUNK = 64;
    private static final byte[] ZEROS = new byte[4096];

    private byte[][] chunks = new byte[0][];
    private long size;

    long size() {
        return size;
    }

    /** Stores all remaining bytes of {@code source} at {@code position}. */
    void write(ByteBuffer source, long position) {
        long offset = position;
        while (source.hasRemaining()) {
            int index = Math.toIntExact(offset / CHUNK_SIZE);
            int within = (int) (offset % CHUNK_SIZE);
            int count = Math.min(CHUNK_SIZE - within, source.remaining());
            source.get(chunk(index, within + count), within, count);
            offset += count;
        }
        size = Math.max(size, offset);
    }

    /** Copies bytes at {@code position} into {@code destination}; -1 at or past the end. */
    int read(ByteBuffer destination, long position) {
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(destination.remaining(), size - position);
        for (int done = 0; done < count; ) {
            long offset = position + done;
            int index = (int) (offset / CHUNK_SIZE);
            int within = (int) (offset % CHUNK_SIZE);
            int length = Math.min(CHUNK_SIZE - within, count - done);
            byte[] chunk = index < chunks.length ? chunks[index] : null;
            int stored = chunk == null ? 0 : Math.max(0, Math.min(length, chunk.length - within));
            if (stored > 0) {
                destination.put(chunk, within, stored);
            }
            for (int zeros = length - stored; zeros > 0; zeros -= Math.min(zeros, ZEROS.length)) {
                destination.put(ZEROS, 0, Math.min(zeros, ZEROS.length));
            }
            done += length;
        }
        return count;
    }

    /** An independent copy (for uploads that keep the existing bytes). */
    ChunkedContent copy() {
        ChunkedContent copy = new ChunkedContent();
        copy.chunks = new byte[chunks.length][];
        for (int i = 0; i < chunks.length; i++) {
            copy.chunks[i] = chunks[i] == null ? null : chunks[i].clone();
        }
        copy.size = size;
        return copy;
    }

    private byte[] chunk(int index, int minLength) {
        if (index >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(index + 1, chunks.length * 2));
        }
        byte[] chunk = chunks[index];
        if (chunk == null || chunk.length < minLength) {
            int length = Math.min(CHUNK_SIZE,
                    Math.max(SMALLEST_CHUNK, Integer.highestOneBit(Math.max(1, minLength - 1)) << 1));
            chunk = chunk == null ? new byte[length] : Arrays.copyOf(chunk, length);
            chunks[index] = chunk;
        }
        return chunk;
    }
}
