package org.gantry.security.internal.gsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class TokenFramingTest {

    @Test
    void tlsRecordsAndSslV2HellosAreRaw() {
        assertEquals(TokenFraming.RAW, TokenFraming.detect(new byte[] {22, 3, 1, 1, (byte) 0x86, 1}));
        assertEquals(TokenFraming.RAW, TokenFraming.detect(new byte[] {23, 3, 3, 0, 18}));
        assertEquals(TokenFraming.RAW, TokenFraming.detect(new byte[] {(byte) 0x80, 0x2e, 1, 3, 1}));
    }

    @Test
    void aFittingLengthPrefixIsLegacyFraming() throws IOException {
        byte[] token = {0, 0, 0, 5, 22, 3, 1, 0, 0};
        assertEquals(TokenFraming.LENGTH_PREFIXED, TokenFraming.detect(token));
        assertArrayEquals(new byte[] {22, 3, 1, 0, 0}, TokenFraming.LENGTH_PREFIXED.unframe(token));
        byte[] two = {0, 0, 0, 1, 7, 0, 0, 0, 2, 8, 9};
        assertArrayEquals(new byte[] {7, 8, 9}, TokenFraming.LENGTH_PREFIXED.unframe(two));
        assertArrayEquals(token, TokenFraming.LENGTH_PREFIXED.frame(new byte[] {22, 3, 1, 0, 0}));
        assertArrayEquals(new byte[0], TokenFraming.LENGTH_PREFIXED.frame(new byte[0]));
    }

    @Test
    void aLengthBeyondTheTokenIsRefused() {
        assertThrows(IOException.class, () -> TokenFraming.LENGTH_PREFIXED.unframe(new byte[] {0, 0, 0, 9, 1}));
        assertThrows(IOException.class, () -> TokenFraming.LENGTH_PREFIXED.unframe(new byte[] {0, 0, 0, 1, 1, 0}));
        assertEquals(TokenFraming.RAW, TokenFraming.detect(new byte[] {0, 0, 0, 9, 1}));
    }

    @Test
    void derLengthsTellWholeElements() {
        assertEquals(4, DerLength.total(new byte[] {0x30, 2, 1, 1}));
        assertEquals(-1, DerLength.total(new byte[] {0x30}));
        byte[] longForm = new byte[4 + 300];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x82;
        longForm[2] = 1;
        longForm[3] = 44;
        assertEquals(304, DerLength.total(longForm));
        assertEquals(true, DerLength.complete(longForm));
        assertEquals(false, DerLength.complete(java.util.Arrays.copyOf(longForm, 100)));
    }
}
