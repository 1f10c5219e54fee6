package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.ClassRule;
import org.junit.Test;

/** The gfal2 command-line tools against a launched server, checked on the server's disk. */
public class GfalIT {

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("gfal")
            .requiring("gfal-mkdir", "gfal-ls", "gfal-stat", "gfal-copy", "gfal-rename", "gfal-rm");

    @Test
    public void mkdirWithParentsThenLongListing() throws IOException {
        Gfal.run("gfal-mkdir", "-p", server.url("m/a/b/c"));
        assertTrue("gfal-mkdir -p must create m/a/b/c on disk", Files.isDirectory(server.root().resolve("m/a/b/c")));

        String listing = Gfal.run("gfal-ls", "-l", server.url("m/a/b")).output();
        assertTrue("gfal-ls -l of m/a/b must show the directory c:\n" + listing,
                listing.lines().anyMatch(line -> line.startsWith("d") && line.trim().endsWith(" c")));
    }

    @Test
    public void statShowsTheSize() throws IOException {
        Files.write(server.root().resolve("stat-me.bin"), TestData.bytes(5, 12_345));
        String stat = Gfal.run("gfal-stat", server.url("stat-me.bin")).output();
        assertTrue("gfal-stat must show Size: 12345:\n" + stat,
                Pattern.compile("Size:\\s+12345\\b").matcher(stat).find());
    }

    @Test
    public void copyBothWaysRenameAndRemoveRecursively() throws IOException {
        byte[] content = TestData.bytes(9, 700_001);
        Path local = server.work().resolve("local.bin");
        Files.write(local, content);
        Path disk = server.root().resolve("a");
        Files.createDirectories(disk.resolve("b/c"));
        Files.write(disk.resolve("b/c/nested.txt"), TestData.bytes(10, 100));

        Gfal.run("gfal-copy", fileUrl(local), server.url("a/f1"));
        assertArrayEquals("uploaded a/f1 on disk", content, Files.readAllBytes(disk.resolve("f1")));

        Path local2 = server.work().resolve("local2.bin");
        Gfal.run("gfal-copy", server.url("a/f1"), fileUrl(local2));
        assertArrayEquals("downloaded copy of a/f1", content, Files.readAllBytes(local2));

        Gfal.run("gfal-rename", server.url("a/f1"), server.url("a/f2"));
        assertFalse("a/f1 must be gone after the rename", Files.exists(disk.resolve("f1")));
        assertArrayEquals("a/f2 after the rename", content, Files.readAllBytes(disk.resolve("f2")));

        Gfal.run("gfal-rm", "-r", server.url("a"));
        assertFalse("gfal-rm -r must remove a/ and everything below it", Files.exists(disk));
    }

    private static String fileUrl(Path path) {
        return "file://" + path.toAbsolutePath();
    }
}
