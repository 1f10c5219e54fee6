package org.gantry.security.internal.x509;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/**
 * Whether a private key belongs to a public key: sign a random challenge with one and verify it
 * with the other, through the JDK's providers. This works the same for RSA, EC and EdDSA keys
 * without comparing key internals by hand.
 */
public final class KeyPairCheck {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairCheck() {
    }

    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
        if (algorithm == null || !algorithm.equals(signatureAlgorithm(privateKey.getAlgorithm()))) {
            return false;
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null;
        };
    }
}
