package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * The gfal2 command-line tools against Gantry over gsiftp (GSI login, delegation, grid-mapfile):
 * namespace operations, copies both ways, ADLER32 and a third-party copy with 4 streams between
 * two Gantry servers. Results are checked on the server disks and against locally computed
 * values; the command logs prove that every session really authenticated with GSI.
 */
public class GfalGsiIT {

    private static final GsiPki PKI = GsiPki.make("gfal-gsi-pki");
    private static final Map<String, String> CLIENT = PKI.clientEnvironment(PKI.proxy());
    private static final String LOGGED_IN = "230 User " + GsiPki.ACCOUNT + " logged in.";

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("gfal-gsi")
            .requiring("gfal-ls", "gfal-stat", "gfal-mkdir", "gfal-rm", "gfal-copy", "gfal-sum")
            .withOptions(PKI.launcherOptions("--command-log"));
    @ClassRule
    public static final LaunchedServer otherGantry = new LaunchedServer("gfal-gsi-b")
            .withOptions(PKI.launcherOptions("--command-log"));

    @Test
    public void mkdirListAndStat() throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(gantry.instance());
        Set<Path> before = logs.snapshot();
        gfal("gfal-mkdir", gantry.gsiUrl("made"));
        gfal("gfal-mkdir", "-p", gantry.gsiUrl("made/x/y"));
        assertTrue("gfal-mkdir -p must create made/x/y", Files.isDirectory(gantry.root().resolve("made/x/y")));
        Files.write(gantry.root().resolve("made/f.bin"), TestData.bytes(3, 54_321));

        String listing = gfal("gfal-ls", "-l", gantry.gsiUrl("made")).output();
        assertTrue("gfal-ls -l must show the directory x:\n" + listing,
                listing.lines().anyMatch(line -> line.startsWith("d") && line.trim().endsWith(" x")));
        assertTrue("gfal-ls -l must show f.bin with its size:\n" + listing, listing.lines()
                .anyMatch(line -> line.startsWith("-") && line.matches(".*\\b54321\\b.*") && line.trim().endsWith(" f.bin")));

        String stat = gfal("gfal-stat", gantry.gsiUrl("made/f.bin")).output();
        assertTrue("gfal-stat must show Size: 54321 of a regular file:\n" + stat,
                Pattern.compile("Size:\\s+54321\\s+regular file").matcher(stat).find());

        // Each tool opens its own sessions; every one of them logged in through GSI, none anonymously.
        long sessions = logs.snapshot().size() - before.size();
        assertTrue(logs.summary(), sessions >= 4);
        assertEquals(logs.summary(), sessions, logs.countCommandsSince(before, "AUTH GSSAPI"));
        assertEquals(logs.summary(), sessions, logs.countRepliesSince(before, "235 GSSAPI Authentication successful."));
        assertEquals(logs.summary(), sessions, logs.countRepliesSince(before, LOGGED_IN));
    }

    @Test
    public void putAndGetKeepEveryByte() throws IOException {
        Path local = TestData.randomFile(gantry.work().resolve("put.src"), 11, (6L << 20) + 777);
        String expected = TestData.sha256(local);
        gfal("gfal-copy", fileUrl(local), gantry.gsiUrl("put.bin"));
        assertEquals("SHA-256 of the uploaded file on disk", expected, TestData.sha256(gantry.root().resolve("put.bin")));

        Path downloaded = gantry.work().resolve("get.copy");
        gfal("gfal-copy", gantry.gsiUrl("put.bin"), fileUrl(downloaded));
        assertEquals("SHA-256 of the downloaded copy", expected, TestData.sha256(downloaded));
    }

    @Test
    public void removeAFileAndATreeRecursively() throws IOException {
        Path tree = gantry.root().resolve("doomed");
        Files.createDirectories(tree.resolve("a/b"));
        Files.write(tree.resolve("a/b/deep.bin"), TestData.bytes(4, 1000));
        Files.write(tree.resolve("top.bin"), TestData.bytes(5, 1000));
        Files.write(gantry.root().resolve("single.bin"), TestData.bytes(6, 1000));

        gfal("gfal-rm", gantry.gsiUrl("single.bin"));
        assertFalse("gfal-rm must delete single.bin", Files.exists(gantry.root().resolve("single.bin")));
        gfal("gfal-rm", "-r", gantry.gsiUrl("doomed"));
        assertFalse("gfal-rm -r must delete doomed/ and all below it", Files.exists(tree));
    }

    @Test
    public void adler32MatchesTheLocalSum() throws IOException {
        Path file = TestData.randomFile(gantry.root().resolve("summed.bin"), 12, (3L << 20) + 5);
        String expected = LocalChecksum.ofFile(file, List.of("ADLER32")).get("ADLER32");
        String output = gfal("gfal-sum", gantry.gsiUrl("summed.bin"), "ADLER32").output();
        Matcher sum = Pattern.compile("summed\\.bin\\s+([0-9a-f]{8})\\s*$", Pattern.MULTILINE).matcher(output);
        assertTrue("gfal-sum printed no ADLER32 value:\n" + output, sum.find());
        assertEquals("ADLER32 of summed.bin", expected, sum.group(1));
    }

    @Test
    public void thirdPartyWithFourStreamsAndAdler32BetweenTwoGantryServers() throws IOException {
        Path source = TestData.randomFile(gantry.root().resolve("tp.src"), 13, (20L << 20) + 4321);
        String expected = TestData.sha256(source);
        GsiTransferLog sent = GsiTransferLog.watch(gantry);
        GsiTransferLog received = GsiTransferLog.watch(otherGantry);

        gfal("gfal-copy", "-n", "4", "-K", "ADLER32", gantry.gsiUrl("tp.src"), otherGantry.gsiUrl("tp.dst"));
        assertEquals("SHA-256 on the destination server's disk", expected,
                TestData.sha256(otherGantry.root().resolve("tp.dst")));

        // Server to server: the source sends actively with 4 streams in MODE E, the destination
        // listens; gfal2 compares the ADLER32 of both ends (-K), so both must have answered CKSM.
        sent.assertSent("/tp.src");
        received.assertReceived("/tp.dst");
        assertTrue(sent.commands().toString(), sent.commands().contains("OPTS RETR Parallelism=4,4,4;"));
        assertTrue(received.commands().toString(), received.commands().contains("MODE E"));
        sent.assertAdler32("/tp.src", source);
        received.assertAdler32("/tp.dst", source);
    }

    private static CommandRunner.Result gfal(String... command) throws IOException {
        return Gfal.run(CLIENT, List.of(command));
    }
}
