package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.ClassRule;
import org.junit.Test;

/** globus-url-copy against a launched server: a large file both ways, trees both ways, -list. */
public class GlobusUrlCopyIT {

    private static final long BIG_FILE_SIZE = 256L << 20;
    private static final int TREE_FILES = 1000;

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("guc").requiring("globus-url-copy");

    @Test
    public void bigFileRoundTripIsByteIdentical() throws IOException {
        Path source = TestData.randomFile(server.work().resolve("big.src"), 256, BIG_FILE_SIZE);
        Path downloaded = server.work().resolve("big.downloaded");
        String expected = TestData.sha256(source);

        GlobusUrlCopy.run(fileUrl(source), server.url("big.bin"));
        Path onServer = server.root().resolve("big.bin");
        assertTrue("uploaded file missing on the server disk: " + onServer, Files.isRegularFile(onServer));
        assertEquals("size on the server disk", BIG_FILE_SIZE, Files.size(onServer));
        assertEquals("SHA-256 on the server disk", expected, TestData.sha256(onServer));

        GlobusUrlCopy.run(server.url("big.bin"), fileUrl(downloaded));
        assertEquals("SHA-256 of the downloaded copy", expected, TestData.sha256(downloaded));

        // 768 MiB is too much to keep around after a passing run.
        Files.delete(source);
        Files.delete(downloaded);
        Files.delete(onServer);
    }

    @Test
    public void recursiveDirectoryCopiesBothWays() throws IOException {
        Path local = server.work().resolve("tree-local");
        TestData.smallFiles(local, TREE_FILES, 7);

        GlobusUrlCopy.run("-r", "-cd", fileUrl(local) + "/", server.url("tree/"));
        TestData.assertSameFiles(local, server.root().resolve("tree"));

        Path back = server.work().resolve("tree-back");
        GlobusUrlCopy.run("-r", "-cd", server.url("tree/"), fileUrl(back) + "/");
        TestData.assertSameFiles(local, back);
    }

    @Test
    public void listShowsTheDirectoryEntries() throws IOException {
        Path dir = server.root().resolve("listing");
        List<String> files = TestData.smallFiles(dir, 12, 11);
        Files.createDirectory(dir.resolve("subdir"));

        String output = GlobusUrlCopy.run("-list", server.url("listing/")).output();
        Set<String> listed = output.lines().map(String::trim).collect(Collectors.toSet());
        for (String name : files) {
            assertTrue(name + " missing from the listing:\n" + output, listed.contains(name));
        }
        assertTrue("subdir/ missing from the listing:\n" + output, listed.contains("subdir/"));
    }
}
