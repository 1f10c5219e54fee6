package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CKSM: checksums over whole files and ranges, compared with the JDK's own implementations. */
public abstract class ChecksumContract extends ReadContract {

    /** Larger than 1 MiB so that DSIs reading in buffers or chunks cross boundaries. */
    private static final int FILE_SIZE = 1536 * 1024 + 13;

    /**
     * A declared algorithm must match the JDK over the whole file, a sub-range, a range to the
     * end and an empty file; an undeclared one must be refused with NotSupportedException.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ADLER32", "CRC32", "CRC32C", "MD5", "SHA1", "SHA256", "SHA512"})
    public void checksumMatchesTheJdkWhereDeclared(String algorithm) throws Exception {
        byte[] content = randomBytes(FILE_SIZE, 15);
        writeFile("/file.bin", content);
        writeFile("/empty.bin", new byte[0]);

        if (!capabilities().checksumAlgorithms().contains(algorithm)) {
            assertFails(NotSupportedException.class, () -> session.checksum("/file.bin", algorithm, 0, -1));
            return;
        }
        assertEquals(expected(algorithm, content, 0, content.length),
                await(session.checksum("/file.bin", algorithm, 0, -1)), "whole file");
        assertEquals(expected(algorithm, content, 1000, 70_000),
                await(session.checksum("/file.bin", algorithm, 1000, 70_000)), "sub-range");
        assertEquals(expected(algorithm, content, 5000, content.length - 5000),
                await(session.checksum("/file.bin", algorithm, 5000, -1)), "range to the end");
        assertEquals(expected(algorithm, new byte[0], 0, 0),
                await(session.checksum("/empty.bin", algorithm, 0, -1)), "empty file");
    }

    @Test
    public void adler32IsEightZeroPaddedHexDigits() throws Exception {
        writeFile("/empty.bin", new byte[0]);

        if (capabilities().checksumAlgorithms().contains("ADLER32")) {
            assertEquals("00000001", await(session.checksum("/empty.bin", "ADLER32", 0, -1)));
        } else {
            assertFails(NotSupportedException.class, () -> session.checksum("/empty.bin", "ADLER32", 0, -1));
        }
    }

    @Test
    public void checksumOfUnknownAlgorithmFailsWithNotSupported() throws Exception {
        writeFile("/file.bin", new byte[] {1});

        assertFails(NotSupportedException.class, () -> session.checksum("/file.bin", "NO-SUCH-SUM", 0, -1));
    }

    @Test
    public void checksumOfMissingFileFailsWithNotFound() {
        String algorithm = anyDeclaredAlgorithm();

        assertFails(NotFoundException.class, () -> session.checksum("/missing", algorithm, 0, -1));
    }

    @Test
    public void checksumOfDirectoryFailsWithIsDirectory() throws Exception {
        await(session.mkdir("/dir"));
        String algorithm = anyDeclaredAlgorithm();

        assertFails(IsDirectoryException.class, () -> session.checksum("/dir", algorithm, 0, -1));
    }

    private String anyDeclaredAlgorithm() {
        return capabilities().checksumAlgorithms().stream().sorted().findFirst().orElse("ADLER32");
    }

    /** The checksum as it goes on the wire, computed with the JDK. */
    protected static String expected(String algorithm, byte[] data, int offset, int length)
            throws NoSuchAlgorithmException {
        switch (algorithm) {
            case "ADLER32":
                return checksum(new Adler32(), data, offset, length);
            case "CRC32":
                return checksum(new CRC32(), data, offset, length);
            case "CRC32C":
                return checksum(new CRC32C(), data, offset, length);
            default:
                MessageDigest digest = MessageDigest.getInstance(algorithm.replace("SHA", "SHA-"));
                digest.update(data, offset, length);
                return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static String checksum(Checksum checksum, byte[] data, int offset, int length) {
        checksum.update(data, offset, length);
        return String.format("%08x", checksum.getValue());
    }
}
