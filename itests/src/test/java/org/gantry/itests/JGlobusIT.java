package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * jGlobus 2.1 (the Java GridFTP client) against a launched server, anonymous: SIZE and MLSD in
 * stream mode, then MODE E extendedGet (ERET P, 4 streams, server active) and extendedPut
 * (ESTO A, server passive) with the markers the server sends. jGlobus waits about 2 s after every
 * 226, so each test runs only a few operations.
 */
public class JGlobusIT {

    private static final long GET_SIZE = (64L << 20) + 4_321;
    private static final long PUT_SIZE = (48L << 20) + 12_345;
    private static final Pattern PUT_MARKERS = Pattern.compile(
            "^OK eput (\\S+) perf=(\\d+) perfBytes=(-?\\d+) ranges=(\\S+)$", Pattern.MULTILINE);

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("jglobus");

    private static JGlobusRunner jglobus;

    @BeforeClass
    public static void compileClient() throws IOException {
        jglobus = JGlobusRunner.compile(server.work().resolve("client-classes"));
    }

    @Test
    public void sizeAndListingInStreamMode() throws IOException {
        Path dir = server.root().resolve("listing");
        List<String> files = TestData.smallFiles(dir, 5, 3);
        Files.createDirectory(dir.resolve("sub"));

        CommandRunner.Result result = run("size", "/listing/" + files.get(0), "mlsd", "/listing");
        String output = result.output();
        assertTrue("SIZE answer missing or wrong:\n" + output, output.contains(
                "OK size /listing/" + files.get(0) + " " + Files.size(dir.resolve(files.get(0))) + "\n"));

        Map<String, String[]> entries = new HashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith("OK mlsd ")).toList()) {
            String[] parts = line.substring("OK mlsd ".length()).split(" ");
            entries.put(parts[0], parts);
        }
        for (String name : files) {
            String[] entry = entries.get(name);
            assertTrue(name + " missing from jGlobus' MLSD result:\n" + output, entry != null);
            assertTrue(name + " is not a file in MLSD:\n" + output, "file".equalsIgnoreCase(entry[1]));
            assertEquals(name + " size in MLSD", String.valueOf(Files.size(dir.resolve(name))), entry[2]);
        }
        assertTrue("sub missing from jGlobus' MLSD result:\n" + output, entries.containsKey("sub"));
        assertTrue("sub is not a dir in MLSD:\n" + output, "dir".equalsIgnoreCase(entries.get("sub")[1]));
    }

    @Test
    public void modeEGetWithFourStreamsAndPut() throws IOException {
        Files.createDirectories(server.root().resolve("mode-e"));
        Path served = TestData.randomFile(server.root().resolve("mode-e/get.bin"), 5, GET_SIZE);
        Path got = server.work().resolve("get.local");
        Path source = TestData.randomFile(server.work().resolve("put.local"), 6, PUT_SIZE);

        CommandRunner.Result result = run("eget", "/mode-e/get.bin", got.toString(), "4",
                "eput", source.toString(), "/mode-e/put.bin", "4");
        String output = result.output();
        assertTrue("extendedGet not reported:\n" + output, output.contains("OK eget /mode-e/get.bin " + GET_SIZE + "\n"));
        assertEquals("SHA-256 of the extendedGet copy", TestData.sha256(served), TestData.sha256(got));

        Path put = server.root().resolve("mode-e/put.bin");
        assertTrue("extendedPut left no file on the server disk:\n" + output, Files.isRegularFile(put));
        assertEquals("SHA-256 on the server disk after extendedPut", TestData.sha256(source), TestData.sha256(put));

        Matcher markers = PUT_MARKERS.matcher(output);
        assertTrue("extendedPut not reported:\n" + output, markers.find());
        // 112 right after 150 and at the end; 111 ranges (relative to ESTO's offset 0) cover the file.
        assertTrue("fewer than two 112 perf markers:\n" + output, Integer.parseInt(markers.group(2)) >= 2);
        assertEquals("bytes in the last 112 perf marker", String.valueOf(PUT_SIZE), markers.group(3));
        assertEquals("111 range markers received", "0-" + PUT_SIZE, markers.group(4));
    }

    /** Runs the client on the server's port and fails unless it exits 0. */
    private static CommandRunner.Result run(String... steps) throws IOException {
        String[] args = new String[steps.length + 2];
        args[0] = "127.0.0.1";
        args[1] = String.valueOf(server.port());
        System.arraycopy(steps, 0, args, 2, steps.length);
        return jglobus.run(args).assertSuccess();
    }
}
