package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reproducible test files (seeded random content), digests and tree comparisons. */
public final class TestData {

    private static final int CHUNK = 1 << 20;

    private TestData() {
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    public static byte[] bytes(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code size} seeded random bytes to {@code file}, one chunk at a time. */
    public static Path randomFile(Path file, long seed, long size) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= CHUNK) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
        }
        return file;
    }

    /** {@code count} files of 1–4 KiB named {@code f0000.bin}...; returns their names. */
    public static List<String> smallFiles(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        Random sizes = new Random(seed);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("f%04d.bin", i);
            Files.write(dir.resolve(name), bytes(seed * 31 + i, 1024 + sizes.nextInt(3 * 1024 + 1)));
            names.add(name);
        }
        return names;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** An empty directory at {@code dir} (whatever a previous run left there is removed). */
    public static Path emptyDirectory(Path dir) throws IOException {
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /** Deletes a tree without following symbolic links. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** Names of the regular files directly in {@code dir}, sorted. */
    public static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Asserts that {@code actual} is a regular file with the size and SHA-256 of {@code expected}. */
    public static void assertSameContent(Path expected, Path actual) throws IOException {
        assertTrue("missing: " + actual + " (a copy of " + expected + ")", Files.isRegularFile(actual));
        assertEquals("size of " + actual, Files.size(expected), Files.size(actual));
        assertEquals("SHA-256 of " + actual + " (a copy of " + expected + ")", sha256(expected), sha256(actual));
    }

    /** Asserts that {@code actual} holds exactly the files of {@code expected}, byte for byte. */
    public static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<String> names = fileNames(expected);
        assertEquals("file names in " + actual, names, fileNames(actual));
        for (String name : names) {
            assertTrue(name + " is a regular file in " + actual, Files.isRegularFile(actual.resolve(name)));
            assertArrayEquals("content of " + name + " in " + actual,
                    Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
