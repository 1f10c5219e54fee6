package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Third-party transfers driven by globus-url-copy between Gantry and the real Globus GridFTP
 * server, and between two Gantry servers: stream mode, MODE E with 4 streams, and a directory of
 * small files with cached data channels and pipelining. Every copy is checked on both server disks.
 */
public class ThirdPartyIT {

    private static final long GIB = 1L << 30;
    private static final long GANTRY_PAIR_SIZE = 256L << 20;
    private static final int SMALL_FILES = 1000;
    private static final int SMALL_FILE_SIZE = 4096;
    private static final String[] STREAM = {};
    private static final String[] PARALLEL = {"-p", "4"};
    private static final String[] FAST_PIPELINED_TREE = {"-fast", "-pp", "-r", "-cd"};

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("3pt-a").requiring("globus-url-copy");
    @ClassRule
    public static final LaunchedServer otherGantry = new LaunchedServer("3pt-b");

    private static GlobusServer globus;

    @BeforeClass
    public static void startGlobus() throws IOException {
        globus = new GlobusServer(GantryInstance.workDirectory().resolve("third-party-globus")).start();
    }

    @AfterClass
    public static void stopGlobus() throws IOException {
        if (globus != null) {
            globus.stop();
        }
    }

    /** Proves the fixture: if Globus cannot copy to itself, no other result here means anything. */
    @Test
    public void globusToGlobusSanity() throws IOException {
        Path source = globusFile("sanity.src", 8L << 20);
        String expected = TestData.sha256(source);
        guc(STREAM, globus.url("sanity.src"), globus.url("sanity.stream"));
        guc(PARALLEL, globus.url("sanity.src"), globus.url("sanity.p4"));
        assertEquals("SHA-256 of the stream-mode copy", expected, TestData.sha256(globus.root().resolve("sanity.stream")));
        assertEquals("SHA-256 of the -p 4 copy", expected, TestData.sha256(globus.root().resolve("sanity.p4")));
    }

    @Test
    public void gantryToGlobusStream() throws IOException {
        gantryToGlobus("g2globus-stream", STREAM);
    }

    @Test
    public void gantryToGlobusParallel() throws IOException {
        gantryToGlobus("g2globus-p4", PARALLEL);
    }

    @Test
    public void globusToGantryStream() throws IOException {
        globusToGantry("globus2g-stream", STREAM);
    }

    @Test
    public void globusToGantryParallel() throws IOException {
        globusToGantry("globus2g-p4", PARALLEL);
    }

    @Test
    public void gantryToGantryStream() throws IOException {
        gantryToGantry("g2g-stream", STREAM);
    }

    @Test
    public void gantryToGantryParallel() throws IOException {
        gantryToGantry("g2g-p4", PARALLEL);
    }

    @Test
    public void smallFilesGantryToGlobusFastPipelined() throws IOException {
        Path source = fourKiBFiles(gantry.root().resolve("small-to-globus"));
        guc(FAST_PIPELINED_TREE, gantry.url("small-to-globus/"), globus.url("small-from-gantry/"));
        TestData.assertSameFiles(source, globus.root().resolve("small-from-gantry"));
    }

    @Test
    public void smallFilesGlobusToGantryFastPipelined() throws IOException {
        Path source = fourKiBFiles(globus.root().resolve("small-to-gantry"));
        globus.giveToServer(source);
        guc(FAST_PIPELINED_TREE, globus.url("small-to-gantry/"), gantry.url("small-from-globus/"));
        TestData.assertSameFiles(source, gantry.root().resolve("small-from-globus"));
    }

    @Test
    public void smallFilesGantryToGantryFastPipelined() throws IOException {
        Path source = fourKiBFiles(gantry.root().resolve("small-to-gantry-b"));
        guc(FAST_PIPELINED_TREE, gantry.url("small-to-gantry-b/"), otherGantry.url("small-from-a/"));
        TestData.assertSameFiles(source, otherGantry.root().resolve("small-from-a"));
    }

    private void gantryToGlobus(String name, String[] options) throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve(name + ".src"), name.hashCode(), GIB);
        copyAndCheck(options, source, GIB, gantry.url(name + ".src"),
                globus.url(name + ".dst"), globus.root().resolve(name + ".dst"));
    }

    private void globusToGantry(String name, String[] options) throws IOException {
        Path source = globusFile(name + ".src", GIB);
        copyAndCheck(options, source, GIB, globus.url(name + ".src"),
                gantry.url(name + ".dst"), gantry.root().resolve(name + ".dst"));
    }

    private void gantryToGantry(String name, String[] options) throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve(name + ".src"), name.hashCode(), GANTRY_PAIR_SIZE);
        copyAndCheck(options, source, GANTRY_PAIR_SIZE, gantry.url(name + ".src"),
                otherGantry.url(name + ".dst"), otherGantry.root().resolve(name + ".dst"));
    }

    /**
     * Copies {@code from} (the URL of {@code source}) to {@code to} (that of {@code copy} on the
     * destination disk) and checks the copy; then deletes both, as up to 2 GiB per test is too
     * much to keep after a passing run.
     */
    private static void copyAndCheck(String[] options, Path source, long size, String from, String to, Path copy)
            throws IOException {
        String expected = TestData.sha256(source);
        guc(options, from, to);
        assertTrue("the copy is missing on the destination disk: " + copy, Files.isRegularFile(copy));
        assertEquals("size of " + copy, size, Files.size(copy));
        assertEquals("SHA-256 of " + copy, expected, TestData.sha256(copy));
        Files.delete(source);
        Files.delete(copy);
    }

    private static Path globusFile(String name, long size) throws IOException {
        Path file = TestData.randomFile(globus.root().resolve(name), name.hashCode(), size);
        globus.giveToServer(file);
        return file;
    }

    /** {@value #SMALL_FILES} files of exactly {@value #SMALL_FILE_SIZE} bytes, distinct contents. */
    private static Path fourKiBFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < SMALL_FILES; i++) {
            Files.write(dir.resolve(String.format("f%04d.bin", i)), TestData.bytes(dir.hashCode() * 31L + i, SMALL_FILE_SIZE));
        }
        return dir;
    }

    /** Runs globus-url-copy; on failure shows its output and the end of both kinds of server log. */
    private static void guc(String[] options, String from, String to) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("globus-url-copy");
        command.addAll(List.of(options));
        command.add(from);
        command.add(to);
        CommandRunner.Result result = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), command);
        if (result.exitCode() != 0) {
            fail("globus-url-copy failed with exit code " + result.exitCode() + ": " + String.join(" ", command)
                    + "\n--- output ---\n" + result.output()
                    + "\n--- Globus log (tail) ---\n" + globus.logTail(20)
                    + "\n--- Gantry A karaf.log (tail) ---\n" + gantry.karafLogTail(10)
                    + "\n--- Gantry B karaf.log (tail) ---\n" + otherGantry.karafLogTail(10));
        }
    }
}
