package org.gantry.itests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Pseudo-random file content that depends only on a seed and the file offset, so that a sender
 * can make any block without holding the file, and a receiver can check a block wherever it lands
 * (a block written at the wrong offset does not match). Byte {@code o} is byte {@code o % 8}
 * (little-endian) of a SplitMix64 value of the 8-byte word {@code o / 8}.
 */
final class SeededContent {

    private SeededContent() {
    }

    /** A well-mixed seed for file number {@code n}, so neighbouring files share no words. */
    static long seedFor(long n) {
        return mix(n ^ 0x5DEECE66DL);
    }

    static byte byteAt(long seed, long offset) {
        return (byte) (word(seed, offset >>> 3) >>> ((offset & 7) << 3));
    }

    /** Fills {@code dst} from its position to its limit with the bytes at {@code offset}; advances it. */
    static void fill(ByteBuffer dst, long seed, long offset) {
        ByteOrder order = dst.order();
        dst.order(ByteOrder.LITTLE_ENDIAN);
        long o = offset;
        while (dst.hasRemaining() && (o & 7) != 0) {
            dst.put(byteAt(seed, o++));
        }
        while (dst.remaining() >= Long.BYTES) {
            dst.putLong(word(seed, o >>> 3));
            o += Long.BYTES;
        }
        while (dst.hasRemaining()) {
            dst.put(byteAt(seed, o++));
        }
        dst.order(order);
    }

    /**
     * The file offset of the first byte of {@code src} (position to limit, left unchanged) that
     * differs from the content at {@code offset}, or -1 if all match.
     */
    static long firstMismatch(ByteBuffer src, long seed, long offset) {
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int i = in.position();
        long o = offset;
        while (i < in.limit() && (o & 7) != 0) {
            if (in.get(i++) != byteAt(seed, o++)) {
                return o - 1;
            }
        }
        while (in.limit() - i >= Long.BYTES) {
            if (in.getLong(i) != word(seed, o >>> 3)) {
                for (int k = 0; ; k++) {
                    if (in.get(i + k) != byteAt(seed, o + k)) {
                        return o + k;
                    }
                }
            }
            i += Long.BYTES;
            o += Long.BYTES;
        }
        while (i < in.limit()) {
            if (in.get(i++) != byteAt(seed, o++)) {
                return o - 1;
            }
        }
        return -1;
    }

    private static long word(long seed, long index) {
        return mix(seed + (index + 1) * 0x9E3779B97F4A7C15L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
