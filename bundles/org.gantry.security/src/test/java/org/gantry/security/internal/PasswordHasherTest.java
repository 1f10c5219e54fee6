package org.gantry.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher();
    private static String encoded;

    @BeforeAll
    static void hashOnce() {
        encoded = HASHER.hash("correct horse".toCharArray());
    }

    @Test
    void hashRoundTrips() {
        assertTrue(HASHER.verify("correct horse".toCharArray(), encoded));
    }

    @Test
    void wrongPasswordFails() {
        assertFalse(HASHER.verify("correct horsE".toCharArray(), encoded));
        assertFalse(HASHER.verify(new char[0], encoded));
    }

    @Test
    void encodingHasSchemeIterationsSaltAndHash() {
        String[] parts = encoded.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void samePasswordGetsDifferentSalts() {
        assertNotEquals(encoded, HASHER.hash("correct horse".toCharArray()));
    }

    @Test
    void tamperedHashFails() {
        String[] parts = encoded.split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        hash[0] ^= 1;
        String tampered = parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + Base64.getEncoder().encodeToString(hash);
        assertFalse(HASHER.verify("correct horse".toCharArray(), tampered));
    }

    @Test
    void tamperedSaltOrIterationsFail() {
        String[] parts = encoded.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        salt[15] ^= 1;
        String otherSalt = parts[0] + "$" + parts[1] + "$" + Base64.getEncoder().encodeToString(salt) + "$" + parts[3];
        assertFalse(HASHER.verify("correct horse".toCharArray(), otherSalt));
        String moreIterations = parts[0] + "$" + (Integer.parseInt(parts[1]) + 1) + "$" + parts[2] + "$" + parts[3];
        assertFalse(HASHER.verify("correct horse".toCharArray(), moreIterations));
    }

    @Test
    void plainTextAndMalformedValuesAreRejected() {
        for (String bad : new String[] { "correct horse", "", "pbkdf2-sha256$210000$abc", "md5$210000$AAAA$AAAA",
            encoded.replace("210000", "1000"), encoded.replace("210000", "x"), encoded + "!" }) {
            assertThrows(IllegalArgumentException.class, () -> PasswordHasher.validate(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> HASHER.verify("correct horse".toCharArray(), bad));
        }
    }
}
