package org.gantry.dsi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.gantry.dsi.api.NotSupportedException;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {

    private static String sum(String algorithm, String text) throws Exception {
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(algorithm);
        calculator.update(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        return calculator.value();
    }

    @Test
    void knownVectorsInWireFormat() throws Exception {
        assertEquals("11e60398", sum("ADLER32", "Wikipedia"));
        assertEquals("cbf43926", sum("CRC32", "123456789"));
        assertEquals("e3069283", sum("CRC32C", "123456789"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", sum("MD5", "abc"));
    }

    @Test
    void tokensAreCaseInsensitiveAndMayContainADash() throws Exception {
        assertEquals(sum("SHA256", "abc"), sum("sha-256", "abc"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sum("SHA256", "abc"));
    }

    @Test
    void unknownTokenIsNotSupported() {
        assertThrows(NotSupportedException.class, () -> ChecksumAlgorithm.create("CRC64"));
        assertThrows(NotSupportedException.class, () -> ChecksumAlgorithm.create(null));
    }

    @Test
    void valuesAreNormalisedToTheirWireForm() {
        assertEquals("0000001a", ChecksumAlgorithm.normalize("ADLER32", "1A"));
        assertEquals("1809734c", ChecksumAlgorithm.normalize("CRC32", "1809734C"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72",
                ChecksumAlgorithm.normalize("MD5", "900150983CD24FB0D6963F7D28E17F72"));
    }

    @Test
    void malformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.normalize("ADLER32", "123456789"));
        assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.normalize("ADLER32", "xyz"));
        assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.normalize("ADLER32", ""));
        assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.normalize("MD5", "abc"));
        assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.normalize("SHA1", null));
    }

    @Test
    void tokensAreCanonical() {
        assertEquals("SHA512", ChecksumAlgorithm.token("sha-512").orElseThrow());
        assertTrue(ChecksumAlgorithm.token("CRC64").isEmpty());
        assertTrue(ChecksumAlgorithm.token(null).isEmpty());
    }
}
