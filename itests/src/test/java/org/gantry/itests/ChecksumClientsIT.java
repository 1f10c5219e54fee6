package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The real clients that verify checksums end to end, against Gantry computing ADLER32 and MD5 on
 * the fly: gfal-copy {@code -K} (it asks CKSM of source and destination and compares them) for
 * uploads, downloads and third-party copies with the Globus server, gfal-sum, and
 * globus-url-copy {@code -verify-checksum -checksum-alg MD5} between Gantry and Globus. Copies
 * into Gantry are checked without Gantry reading them back.
 */
public class ChecksumClientsIT {

    private static final int SIZE = 24 * 1024 * 1024 + 7;
    /** gfal-util must run with the system python that has the gfal2 bindings. */

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("cksum-clients")
            .requiring("gfal-copy", "gfal-sum", "globus-url-copy").withOptions("--command-log");

    private static GlobusServer globus;
    private static Path local;
    private static byte[] content;

    @BeforeClass
    public static void start() throws IOException {
        ServerChecksums.configure(gantry, "ADLER32,MD5");
        globus = new GlobusServer(GantryInstance.workDirectory().resolve("cksum-clients-globus")).start();
        content = TestData.bytes(90, SIZE);
        local = Files.write(gantry.work().resolve("local.bin"), content);
    }

    @AfterClass
    public static void stopGlobus() {
        if (globus != null) {
            globus.stop();
        }
    }

    private static String local(String algorithm) {
        return LocalChecksum.of(algorithm, content, 0, SIZE);
    }

    @Test
    public void gfalCopyWithChecksumsUpAndDown() throws IOException {
        for (String algorithm : List.of("ADLER32", "MD5")) {
            String name = "gfal-" + algorithm + ".bin";
            long before = ServerChecksums.bytesRead(gantry);
            Set<Path> sessions = logs().snapshot();
            gfal("gfal-copy", "-K", algorithm, fileUrl(local), gantry.url(name));
            assertArrayEquals("uploaded " + name, content, Files.readAllBytes(gantry.root().resolve(name)));
            assertAsked(sessions, "CKSM " + algorithm + " 0 -1 /" + name);
            assertEquals("gfal-copy -K " + algorithm + " compared the upload without Gantry reading it", 0,
                    ServerChecksums.bytesRead(gantry) - before);
            assertEquals(local(algorithm), ServerChecksums.stored(gantry.root().resolve(name)).get(algorithm));

            Path down = gantry.work().resolve("down-" + name);
            gfal("gfal-copy", "-K", algorithm, gantry.url(name), fileUrl(down));
            assertArrayEquals("downloaded " + name, content, Files.readAllBytes(down));
            assertEquals("only the download itself was read", SIZE, ServerChecksums.bytesRead(gantry) - before);
        }
    }

    @Test
    public void gfalSumMatchesTheLocalValue() throws IOException {
        Files.write(gantry.root().resolve("sum.bin"), content);
        for (String algorithm : List.of("ADLER32", "MD5")) {
            String output = gfal("gfal-sum", gantry.url("sum.bin"), algorithm).output();
            assertTrue("gfal-sum ... " + algorithm + " must print " + local(algorithm) + ":\n" + output,
                    output.lines().anyMatch(l -> l.trim().endsWith(" " + local(algorithm))));
        }
    }

    @Test
    public void gfalThirdPartyCopiesWithGlobusVerifyChecksums() throws IOException {
        for (String algorithm : List.of("ADLER32", "MD5")) {
            Files.write(gantry.root().resolve("3pt-" + algorithm + ".src"), content);
            String toGlobus = "from-gantry-" + algorithm + ".bin";
            gfal("gfal-copy", "-K", algorithm, gantry.url("3pt-" + algorithm + ".src"), globus.url(toGlobus));
            assertArrayEquals("copy on the Globus disk", content, Files.readAllBytes(globus.root().resolve(toGlobus)));

            Path globusSource = Files.write(globus.root().resolve("to-gantry-" + algorithm + ".src"), content);
            globus.giveToServer(globusSource);
            String fromGlobus = "from-globus-" + algorithm + ".bin";
            long before = ServerChecksums.bytesRead(gantry);
            Set<Path> sessions = logs().snapshot();
            gfal("gfal-copy", "-K", algorithm, globus.url(globusSource.getFileName().toString()),
                    gantry.url(fromGlobus));
            assertArrayEquals("copy on the Gantry disk", content,
                    Files.readAllBytes(gantry.root().resolve(fromGlobus)));
            assertAsked(sessions, "CKSM " + algorithm + " 0 -1 /" + fromGlobus);
            assertEquals("Gantry answered the destination CKSM from the stored value", 0,
                    ServerChecksums.bytesRead(gantry) - before);
        }
    }

    @Test
    public void globusUrlCopyVerifiesMd5OfThirdPartyCopiesBothWays() throws IOException {
        Files.write(gantry.root().resolve("guc.src"), content);
        GucDebugLog toGlobus = GlobusUrlCopy.debug("-verify-checksum", "-checksum-alg", "MD5",
                gantry.url("guc.src"), globus.url("guc-from-gantry.bin"));
        assertArrayEquals(content, Files.readAllBytes(globus.root().resolve("guc-from-gantry.bin")));
        assertBothAnswered(toGlobus, "MD5");

        Path globusSource = Files.write(globus.root().resolve("guc-to-gantry.src"), content);
        globus.giveToServer(globusSource);
        long before = ServerChecksums.bytesRead(gantry);
        GucDebugLog toGantry = GlobusUrlCopy.debug("-verify-checksum", "-checksum-alg", "MD5",
                globus.url("guc-to-gantry.src"), gantry.url("guc-from-globus.bin"));
        assertArrayEquals(content, Files.readAllBytes(gantry.root().resolve("guc-from-globus.bin")));
        assertBothAnswered(toGantry, "MD5");
        assertEquals("Gantry answered the destination CKSM from the stored value", 0,
                ServerChecksums.bytesRead(gantry) - before);
    }

    private static SessionCommandLogs logs() {
        return new SessionCommandLogs(gantry.instance());
    }

    /** The client really had Gantry compute (or look up) the checksum. */
    private static void assertAsked(Set<Path> before, String command) {
        assertEquals("'" + command + "' in the command logs of the client's sessions:\n" + logs().summary(), 1,
                logs().countCommandsSince(before, command));
    }

    /** The client asked source and destination for the checksum, and both gave the local value. */
    private static void assertBothAnswered(GucDebugLog log, String algorithm) {
        List<GucDebugLog.Exchange> sums = log.exchanges("CKSM " + algorithm + " 0 -1 ");
        assertEquals("CKSM on the source and on the destination:\n" + log.excerpt(), 2, sums.size());
        for (GucDebugLog.Exchange e : sums) {
            assertEquals(e.command(), "213 " + local(algorithm), e.reply());
        }
    }

    private static CommandRunner.Result gfal(String... command) throws IOException {
        CommandRunner.Result result = Gfal.attempt(Map.of(), List.of(command));
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " failed with exit code " + result.exitCode() + "\n" + result.output()
                    + "\n--- Globus log (tail) ---\n" + globus.logTail(20)
                    + "\n--- Gantry karaf.log (tail) ---\n" + gantry.karafLogTail(20));
        }
        return result;
    }
}
