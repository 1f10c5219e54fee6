package org.gantry.security.internal.delegation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DelegationKeysTest {

    @Test
    void everyPairIsOfTheAskedSizeAndHandedOutOnce() throws Exception {
        try (DelegationKeys keys = new DelegationKeys()) {
            Set<java.math.BigInteger> moduli = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                KeyPair pair = keys.take(2048);
                RSAPublicKey key = (RSAPublicKey) pair.getPublic();
                assertEquals(2048, key.getModulus().bitLength());
                moduli.add(key.getModulus());
            }
            assertEquals(6, moduli.size(), "a key pair was handed out twice");
            KeyPair bigger = keys.take(3072);
            assertEquals(3072, ((RSAPublicKey) bigger.getPublic()).getModulus().bitLength());
            assertNotEquals(bigger.getPublic(), keys.take(3072).getPublic());
        }
    }
}
