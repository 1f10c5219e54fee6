package org.gantry.dsi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The combine arithmetic against the JDK's own checksums over random data split at random. */
class ChecksumCombineTest {

    private static Supplier<Checksum> jdk(CombinableChecksum algorithm) {
        return switch (algorithm) {
            case ADLER32 -> Adler32::new;
            case CRC32 -> CRC32::new;
            case CRC32C -> CRC32C::new;
        };
    }

    private static long jdkValue(CombinableChecksum algorithm, byte[] data, int offset, int length) {
        Checksum checksum = jdk(algorithm).get();
        checksum.update(data, offset, length);
        return checksum.getValue();
    }

    @ParameterizedTest
    @EnumSource(CombinableChecksum.class)
    void twoPiecesCombineToTheWholeAtEverySplitOfSmallData(CombinableChecksum algorithm) {
        byte[] data = new byte[300];
        new Random(1).nextBytes(data);
        long whole = jdkValue(algorithm, data, 0, data.length);
        for (int split = 0; split <= data.length; split++) {
            long first = jdkValue(algorithm, data, 0, split);
            long second = jdkValue(algorithm, data, split, data.length - split);
            assertEquals(whole, algorithm.combine(first, second, data.length - split), "split at " + split);
        }
    }

    /** Many random pieces (some empty), combined left to right, give the JDK's whole-data value. */
    @ParameterizedTest
    @EnumSource(CombinableChecksum.class)
    void manyRandomPiecesCombineToTheWhole(CombinableChecksum algorithm) {
        Random random = new Random(2);
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[1 + random.nextInt(3 << 20)];
            random.nextBytes(data);
            TreeSet<Integer> cuts = new TreeSet<>();
            int pieces = 1 + random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                cuts.add(random.nextInt(data.length + 1));
            }
            cuts.add(data.length);
            long combined = algorithm.empty();
            int start = 0;
            for (int end : cuts) {
                long piece = algorithm.of(ByteBuffer.wrap(data, start, end - start));
                combined = algorithm.combine(combined, piece, end - start);
                start = end;
            }
            assertEquals(jdkValue(algorithm, data, 0, data.length), combined,
                    "round " + round + ", " + data.length + " bytes cut at " + cuts);
        }
    }

    /** Combining is associative: pieces may be joined in any grouping, as out-of-order runs are. */
    @ParameterizedTest
    @EnumSource(CombinableChecksum.class)
    void groupingDoesNotMatter(CombinableChecksum algorithm) {
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        long a = algorithm.of(ByteBuffer.wrap(data, 0, 10_000));
        long b = algorithm.of(ByteBuffer.wrap(data, 10_000, 55_555));
        long c = algorithm.of(ByteBuffer.wrap(data, 65_555, 34_445));
        long left = algorithm.combine(algorithm.combine(a, b, 55_555), c, 34_445);
        long right = algorithm.combine(a, algorithm.combine(b, c, 34_445), 55_555 + 34_445);
        assertEquals(left, right);
        assertEquals(jdkValue(algorithm, data, 0, data.length), left);
    }

    /** Lengths past 65521 (ADLER32's modulus) and past 2^32 only reach the arithmetic, not memory. */
    @ParameterizedTest
    @EnumSource(CombinableChecksum.class)
    void longRunsOfZerosMatchRepeatedCombination(CombinableChecksum algorithm) {
        byte[] zeros = new byte[1 << 20];
        long mib = algorithm.of(ByteBuffer.wrap(zeros));
        long expected = algorithm.empty();
        long fourGiBPlus = 0;
        for (int i = 0; i < 4097; i++) {
            expected = algorithm.combine(expected, mib, zeros.length);
            fourGiBPlus += zeros.length;
        }
        // The same zeros as two halves whose lengths are not powers of two.
        long firstLength = fourGiBPlus / 3;
        long secondLength = fourGiBPlus - firstLength;
        long first = zerosValue(algorithm, mib, firstLength);
        long second = zerosValue(algorithm, mib, secondLength);
        assertEquals(expected, algorithm.combine(first, second, secondLength));
    }

    /** The value of {@code length} zero bytes, built from whole MiBs and one remainder. */
    private static long zerosValue(CombinableChecksum algorithm, long mibValue, long length) {
        long value = algorithm.empty();
        long whole = length >> 20;
        for (long i = 0; i < whole; i++) {
            value = algorithm.combine(value, mibValue, 1 << 20);
        }
        int rest = (int) (length & ((1 << 20) - 1));
        return algorithm.combine(value, algorithm.of(ByteBuffer.wrap(new byte[rest])), rest);
    }

    @Test
    void emptyValuesAreTheJdkInitialValues() {
        assertEquals(1, CombinableChecksum.ADLER32.empty());
        assertEquals(0, CombinableChecksum.CRC32.empty());
        assertEquals(0, CombinableChecksum.CRC32C.empty());
        assertEquals("00000001", CombinableChecksum.hex(1));
    }

    @Test
    void tokensAreFoundCaseInsensitivelyAndDigestsAreNotCombinable() {
        assertEquals(CombinableChecksum.CRC32C, CombinableChecksum.forToken("crc32c").orElseThrow());
        assertEquals(true, CombinableChecksum.forToken("MD5").isEmpty());
        assertEquals(true, CombinableChecksum.forToken(null).isEmpty());
    }

    @Test
    void negativeLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChecksumCombine.adler32(1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> ChecksumCombine.crc32(0, 0, -1));
    }
}
