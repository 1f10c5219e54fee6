package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/S3Baseline.java, run as the bench runs it (Java source launcher, the SDK classpath this
 * module writes), moves a file through s3proxy and back intact. Correctness only: the bench times it.
 */
class S3BaselineProgramTest {

    @TempDir
    Path work;

    @Test
    void uploadsInPartsAndDownloadsInRangesToTheSameBytes() throws Exception {
        Path program = requiredFile("s3Baseline.program");
        String sdkClasspath = Files.readString(requiredFile("s3Baseline.sdkClasspathFile")).strip();
        byte[] content = new byte[12 * 1024 * 1024 + 5];
        new Random(7).nextBytes(content);
        Path source = Files.write(work.resolve("source"), content);
        Path copy = work.resolve("copy");
        Path output = work.resolve("baseline.out");

        try (S3ProxyServer server = S3ProxyServer.start(work.resolve("data"))) {
            Process baseline = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", sdkClasspath, program.toString(),
                    "--endpoint", server.endpoint().toString(), "--access-key", server.accessKey(),
                    "--secret-key", server.secretKey(), "--file", source.toString(), "--out", copy.toString(),
                    "--part-mib", "5", "--parallel", "2")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(baseline.waitFor(120, TimeUnit.SECONDS), "S3Baseline did not finish in 120 s");
            assertEquals(0, baseline.exitValue(), Files.readString(output));
        }

        List<String> result = Files.readAllLines(output).stream().filter(l -> l.startsWith("upload_seconds=")).toList();
        assertEquals(1, result.size(), Files.readString(output));
        assertTrue(result.get(0).endsWith(" bytes=" + content.length + " parts=3"), result.get(0));
        assertArrayEquals(content, Files.readAllBytes(copy));
    }

    private static Path requiredFile(String property) {
        Path file = Path.of(System.getProperty(property, "(system property " + property + " is not set)"));
        assertTrue(Files.isRegularFile(file), property + " names no file: " + file);
        return file;
    }
}
