package org.gantry.security.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, iterated password hashes in the form
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}.
 *
 * <p>Plain JDK only (PBKDF2WithHmacSHA256 ships with every JDK), so the command-line
 * {@link PasswordTool} can use it outside OSGi.
 */
public final class PasswordHasher {

    /** Scheme tag at the start of every encoded hash. */
    public static final String SCHEME = "pbkdf2-sha256";

    /** Iterations for new hashes (the OWASP 2023 figure for PBKDF2-HMAC-SHA256). */
    public static final int ITERATIONS = 210_000;

    /**
     * Hashes weaker than what we generate are refused, and an upper bound keeps a hand-edited
     * line from making every login take minutes.
     */
    static final int MIN_ITERATIONS = ITERATIONS;
    static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final SecureRandom random = new SecureRandom();

    /** Hashes {@code password} with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * @return whether {@code password} matches {@code encoded}
     * @throws IllegalArgumentException if {@code encoded} is not a well-formed hash of our scheme
     */
    public boolean verify(char[] password, String encoded) {
        Encoded parsed = parse(encoded);
        byte[] actual = derive(password, parsed.salt(), parsed.iterations(), parsed.hash().length);
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /**
     * Checks the form of an encoded hash without computing anything.
     *
     * @throws IllegalArgumentException with the reason if it is not acceptable
     */
    public static void validate(String encoded) {
        parse(encoded);
    }

    private static Encoded parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + "$<iterations>$<salt>$<hash> value");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iteration count is not a number");
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iteration count " + iterations + " outside "
                    + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        byte[] salt = decode(parts[2], "salt");
        byte[] hash = decode(parts[3], "hash");
        if (salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("salt shorter than " + SALT_BYTES + " bytes");
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("hash length " + hash.length + " outside 16..64 bytes");
        }
        return new Encoded(iterations, salt, hash);
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password == null ? new char[0] : password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide this algorithm, so this is a broken JDK.
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Encoded(int iterations, byte[] salt, byte[] hash) {
    }
}
