package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** globus-url-copy against a launched server: a large file both ways, trees both ways, -list. */
public class GlobusUrlCopyIT {

    private static final long BIG_FILE_SIZE = 256L << 20;
    private static final int TREE_FILES = 1000;

    private static Path work;
    private static GantryInstance server;

    @BeforeClass
    public static void startServer() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("guc"));
        server = new GantryInstance("guc", work.resolve("root"));
        server.start();
    }

    @AfterClass
    public static void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    public void bigFileRoundTripIsByteIdentical() throws IOException {
        Path source = TestData.randomFile(work.resolve("big.src"), 256, BIG_FILE_SIZE);
        Path downloaded = work.resolve("big.downloaded");
        String expected = TestData.sha256(source);

        guc(fileUrl(source), server.url("big.bin"));
        Path onServer = server.root().resolve("big.bin");
        assertTrue("uploaded file missing on the server disk: " + onServer, Files.isRegularFile(onServer));
        assertEquals("size on the server disk", BIG_FILE_SIZE, Files.size(onServer));
        assertEquals("SHA-256 on the server disk", expected, TestData.sha256(onServer));

        guc(server.url("big.bin"), fileUrl(downloaded));
        assertEquals("SHA-256 of the downloaded copy", expected, TestData.sha256(downloaded));

        // 768 MiB is too much to keep around after a passing run.
        Files.delete(source);
        Files.delete(downloaded);
        Files.delete(onServer);
    }

    @Test
    public void recursiveDirectoryCopiesBothWays() throws IOException {
        Path local = work.resolve("tree-local");
        TestData.smallFiles(local, TREE_FILES, 7);

        guc("-r", "-cd", fileUrl(local) + "/", server.url("tree/"));
        TestData.assertSameFiles(local, server.root().resolve("tree"));

        Path back = work.resolve("tree-back");
        guc("-r", "-cd", server.url("tree/"), fileUrl(back) + "/");
        TestData.assertSameFiles(local, back);
    }

    @Test
    public void listShowsTheDirectoryEntries() throws IOException {
        Path dir = server.root().resolve("listing");
        List<String> files = TestData.smallFiles(dir, 12, 11);
        Files.createDirectory(dir.resolve("subdir"));

        String output = guc("-list", server.url("listing/")).output();
        Set<String> listed = output.lines().map(String::trim).collect(Collectors.toSet());
        for (String name : files) {
            assertTrue(name + " missing from the listing:\n" + output, listed.contains(name));
        }
        assertTrue("subdir/ missing from the listing:\n" + output, listed.contains("subdir/"));
    }

    private static CommandRunner.Result guc(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("globus-url-copy");
        command.addAll(List.of(args));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), command).assertSuccess();
    }

    private static String fileUrl(Path path) {
        return "file://" + path.toAbsolutePath();
    }
}
