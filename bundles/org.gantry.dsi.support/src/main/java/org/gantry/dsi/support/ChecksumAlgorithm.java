package org.gantry.dsi.support;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import org.gantry.dsi.api.NotSupportedException;

/** The checksum algorithms Gantry computes, by wire token, all from the JDK. */
public final class ChecksumAlgorithm {

    /** Wire tokens as advertised in the capabilities. */
    public static final Set<String> NAMES = Set.of("ADLER32", "CRC32", "CRC32C", "MD5", "SHA1", "SHA256", "SHA512");

    /** Hex digits of a digest's value; the 32-bit sums are absent (they may drop leading zeros). */
    private static final Map<String, Integer> DIGEST_DIGITS = Map.of("MD5", 32, "SHA1", 40, "SHA256", 64, "SHA512", 128);

    /** A running checksum: fed buffers in order, then asked for its wire value. */
    public interface Calculator {
        void update(ByteBuffer data);

        /** Lower-case hex; the 32-bit sums as exactly 8 digits. */
        String value();
    }

    private ChecksumAlgorithm() {
    }

    /** The wire token for a name (case-insensitive; {@code SHA-256} is accepted too), if supported. */
    public static Optional<String> token(String algorithm) {
        String token = algorithm == null ? "" : algorithm.toUpperCase(Locale.ROOT).replace("-", "");
        return NAMES.contains(token) ? Optional.of(token) : Optional.empty();
    }

    /**
     * A value in its wire form, so that equal checksums compare equal as strings: lower-case
     * hex, a 32-bit sum padded to 8 digits (clients may send {@code 1a} for {@code 0000001a}).
     *
     * @param token a supported wire token
     * @throws IllegalArgumentException if the value is not hex of the length the algorithm has
     */
    public static String normalize(String token, String value) {
        String hex = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("not a hexadecimal value: " + value);
        }
        Integer digits = DIGEST_DIGITS.get(token);
        if (digits == null) {
            if (hex.length() > 8) {
                throw new IllegalArgumentException(token + " values have at most 8 hex digits: " + value);
            }
            return "0".repeat(8 - hex.length()) + hex;
        }
        if (hex.length() != digits) {
            throw new IllegalArgumentException(token + " values have " + digits + " hex digits: " + value);
        }
        return hex;
    }

    /** A fresh calculator for a wire token (case-insensitive; {@code SHA-256} is accepted too). */
    public static Calculator create(String algorithm) throws NotSupportedException {
        switch (token(algorithm).orElse("")) {
            case "ADLER32":
                return thirtyTwoBit(Adler32::new);
            case "CRC32":
                return thirtyTwoBit(CRC32::new);
            case "CRC32C":
                return thirtyTwoBit(CRC32C::new);
            case "MD5":
                return digest("MD5");
            case "SHA1":
                return digest("SHA-1");
            case "SHA256":
                return digest("SHA-256");
            case "SHA512":
                return digest("SHA-512");
            default:
                throw new NotSupportedException("checksum algorithm not supported: " + algorithm);
        }
    }

    private static Calculator thirtyTwoBit(Supplier<Checksum> factory) {
        Checksum checksum = factory.get();
        return new Calculator() {
            @Override
            public void update(ByteBuffer data) {
                checksum.update(data);
            }

            @Override
            public String value() {
                return String.format("%08x", checksum.getValue());
            }
        };
    }

    private static Calculator digest(String jdkName) throws NotSupportedException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new NotSupportedException("checksum algorithm not available: " + jdkName, e);
        }
        return new Calculator() {
            @Override
            public void update(ByteBuffer data) {
                digest.update(data);
            }

            @Override
            public String value() {
                return HexFormat.of().formatHex(digest.digest());
            }
        };
    }
}
