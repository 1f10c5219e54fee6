package org.gantry.dsi.support;

/**
 * Combines the 32-bit checksums of two adjacent pieces of data into the checksum of both, without
 * the data: {@code combine(sum(A), sum(B), |B|) == sum(A B)}. This is what lets blocks that
 * arrive in any order (MODE E) be summed one by one and joined in offset order at the end.
 *
 * <p>ADLER32 keeps two sums modulo 65521: s1 = 1 + the bytes, s2 = the sum of all running s1
 * values. Appending B adds B's bytes to s1, and to s2 adds B's own s2 plus |B| times A's bytes.
 *
 * <p>A CRC is a polynomial remainder: appending B multiplies A's CRC by x^(8|B|) modulo the
 * generator and adds B's CRC (the pre- and post-inversion of both cancel out). The
 * multiplication works in the bit-reflected form the JDK's CRC32 and CRC32C use, with x^(8n)
 * built from a table of x^(2^k).
 */
public final class ChecksumCombine {

    private static final long ADLER_BASE = 65521;
    /** Reflected generator polynomials. */
    private static final int CRC32_POLY = 0xEDB88320;
    private static final int CRC32C_POLY = 0x82F63B78;
    /** x^0 in the reflected form: the top bit. */
    private static final int ONE = 0x80000000;
    /** Enough squarings for any 64-bit byte count times 8. */
    private static final int POWERS = 67;
    private static final int[] CRC32_POWERS = powersOfX(CRC32_POLY);
    private static final int[] CRC32C_POWERS = powersOfX(CRC32C_POLY);

    private ChecksumCombine() {
    }

    /** ADLER32 of A followed by B, from their ADLER32 values and B's length. */
    public static long adler32(long first, long second, long secondLength) {
        requireLength(secondLength);
        long firstS1 = first & 0xffff;
        long firstS2 = (first >>> 16) & 0xffff;
        long secondS1 = second & 0xffff;
        long secondS2 = (second >>> 16) & 0xffff;
        long length = secondLength % ADLER_BASE;
        // Both s1 values count the initial 1; the joint sum counts it once.
        long s1 = (firstS1 + secondS1 + ADLER_BASE - 1) % ADLER_BASE;
        long s2 = (firstS2 + secondS2 + length * ((firstS1 + ADLER_BASE - 1) % ADLER_BASE)) % ADLER_BASE;
        return (s2 << 16) | s1;
    }

    /** CRC32 (the JDK's, zlib's) of A followed by B. */
    public static long crc32(long first, long second, long secondLength) {
        return crc(CRC32_POLY, CRC32_POWERS, first, second, secondLength);
    }

    /** CRC32C (Castagnoli) of A followed by B. */
    public static long crc32c(long first, long second, long secondLength) {
        return crc(CRC32C_POLY, CRC32C_POWERS, first, second, secondLength);
    }

    private static long crc(int poly, int[] powers, long first, long second, long secondLength) {
        requireLength(secondLength);
        int shifted = multiply(poly, (int) first, xToEightTimes(poly, powers, secondLength));
        return Integer.toUnsignedLong(shifted ^ (int) second);
    }

    /** x^(8n) modulo the polynomial. */
    private static int xToEightTimes(int poly, int[] powers, long n) {
        int result = ONE;
        // 8n = n << 3: bit k of n is power k + 3 of two.
        for (int k = 0; n != 0; k++, n >>>= 1) {
            if ((n & 1) != 0) {
                result = multiply(poly, result, powers[k + 3]);
            }
        }
        return result;
    }

    /** a * b modulo the polynomial, both in reflected form. */
    private static int multiply(int poly, int a, int b) {
        int product = 0;
        // Walk a's coefficients from x^0 (top bit) upwards while b runs through b * x^k.
        for (int bit = ONE; bit != 0 && a != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
                a &= ~bit;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
        }
        return product;
    }

    /** x^(2^k) for k = 0 .. POWERS-1. */
    private static int[] powersOfX(int poly) {
        int[] powers = new int[POWERS];
        powers[0] = ONE >>> 1; // x^1
        for (int k = 1; k < POWERS; k++) {
            powers[k] = multiply(poly, powers[k - 1], powers[k - 1]);
        }
        return powers;
    }

    private static void requireLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
    }
}
