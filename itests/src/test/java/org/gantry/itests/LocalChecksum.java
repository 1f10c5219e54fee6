package org.gantry.itests;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The value a GridFTP server should answer to CKSM, computed here with the JDK alone, so that a
 * test compares the server with an independent implementation.
 */
public final class LocalChecksum {

    /** The 32-bit sums by wire token; every other token is a JDK digest (SHA256 is "SHA-256"). */
    private static final Map<String, Supplier<Checksum>> SUMS =
            Map.of("ADLER32", Adler32::new, "CRC32", CRC32::new, "CRC32C", CRC32C::new);

    private LocalChecksum() {
    }

    /** Lower-case hex of {@code data[offset, offset+length)}; the 32-bit sums as 8 digits. */
    public static String of(String algorithm, byte[] data, int offset, int length) {
        Supplier<Checksum> sum = SUMS.get(algorithm);
        if (sum == null) {
            return digest(algorithm.replace("SHA", "SHA-"), data, offset, length);
        }
        Checksum checksum = sum.get();
        checksum.update(data, offset, length);
        return String.format("%08x", checksum.getValue());
    }

    private static String digest(String jdkName, byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance(jdkName);
            digest.update(data, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " missing from the JDK", e);
        }
    }
}
