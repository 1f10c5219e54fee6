package org.gantry.dsi.s3.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The memory of one multipart-upload part while it fills: MODE E blocks land at their offsets
 * in any order. The array grows with the highest byte written (a small file never takes a whole
 * part's worth), up to the part size. Blocks never overlap (the core refuses overlaps), so a
 * byte count tells when the part is complete.
 */
final class UploadPart {

    private static final int FIRST_CAPACITY = 64 * 1024;

    final int number;
    final long start;
    private final int maxLength;
    private byte[] data = new byte[0];
    private int filled;

    UploadPart(int number, long start, int maxLength) {
        this.number = number;
        this.start = start;
        this.maxLength = maxLength;
    }

    /**
     * Copies {@code length} bytes of {@code source} (from its position) to file offset
     * {@code offset}, which lies in this part; returns how many bytes of memory were added.
     */
    int fill(ByteBuffer source, long offset, int length) {
        int at = (int) (offset - start);
        int grown = ensureCapacity(at + length);
        source.get(data, at, length);
        filled += length;
        return grown;
    }

    private int ensureCapacity(int needed) {
        if (needed <= data.length) {
            return 0;
        }
        int capacity = Math.max(needed, Math.min(maxLength, Math.max(FIRST_CAPACITY, data.length * 2)));
        int before = data.length;
        data = Arrays.copyOf(data, capacity);
        return capacity - before;
    }

    boolean isFull() {
        return filled == maxLength;
    }

    int filled() {
        return filled;
    }

    byte[] data() {
        return data;
    }

    int capacity() {
        return data.length;
    }

    long end() {
        return start + filled;
    }
}
