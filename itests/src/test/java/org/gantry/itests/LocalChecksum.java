package org.gantry.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
        MessageDigest digest = newDigest(jdkName);
        digest.update(data, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The values of several algorithms over a whole file, read once. */
    public static Map<String, String> ofFile(Path file, List<String> algorithms) throws IOException {
        Map<String, Checksum> sums = new LinkedHashMap<>();
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            Supplier<Checksum> sum = SUMS.get(algorithm);
            if (sum != null) {
                sums.put(algorithm, sum.get());
            } else {
                digests.put(algorithm, newDigest(algorithm.replace("SHA", "SHA-")));
            }
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (Checksum c : sums.values()) {
                    c.update(buffer, 0, n);
                }
                for (MessageDigest d : digests.values()) {
                    d.update(buffer, 0, n);
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            values.put(algorithm, sums.containsKey(algorithm)
                    ? String.format("%08x", sums.get(algorithm).getValue())
                    : HexFormat.of().formatHex(digests.get(algorithm).digest()));
        }
        return values;
    }

    private static MessageDigest newDigest(String jdkName) {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " missing from the JDK", e);
        }
    }
}
