package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * CKSM against a launched server: every algorithm over whole files and ranges compared with the
 * JDK, bad input over a raw control channel, the FEAT line, and the real clients that use it
 * (gfal-sum, globus-url-copy -verify-checksum).
 */
public class ChecksumIT {

    /** Over 2 MiB and odd, so the server's read buffers are crossed and a last one is partial. */
    private static final int SIZE = (2 << 20) + 4099;
    private static final String FILE = "/ck/file.bin";
    private static final String[] ALGORITHMS = {"ADLER32", "MD5", "CRC32", "CRC32C", "SHA1", "SHA256", "SHA512"};
    private static final String FEAT_LINE = " CKSM ADLER32:10;MD5:10;CRC32:10;CRC32C:10;SHA1:10;SHA256:11;SHA512:12;";
    /** gfal-util must run with the system python that has the gfal2 bindings. */
    private static final Map<String, String> GFAL_ENVIRONMENT = Map.of("GFAL_PYTHONBIN", "/usr/bin/python3");

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("cksm")
            .requiring("gfal-sum", "globus-url-copy");

    private static byte[] content;

    @BeforeClass
    public static void writeTheFile() throws IOException {
        content = TestData.bytes(51, SIZE);
        Files.createDirectories(server.root().resolve("ck/dir"));
        Files.write(server.root().resolve("ck/file.bin"), content);
    }

    @Test
    public void everyAlgorithmOverTheWholeFileMatchesTheJdk() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            for (String algorithm : ALGORITHMS) {
                assertEquals("CKSM " + algorithm + " 0 -1", LocalChecksum.of(algorithm, content, 0, SIZE),
                        cksm(ftp, algorithm + " 0 -1 " + FILE));
            }
            // Algorithm tokens are case-insensitive; the digest stays lower-case hex.
            assertEquals("CKSM adler32 (lower-case token)", LocalChecksum.of("ADLER32", content, 0, SIZE),
                    cksm(ftp, "adler32 0 -1 " + FILE));
            assertEquals("CKSM Sha256 (mixed-case token)", LocalChecksum.of("SHA256", content, 0, SIZE),
                    cksm(ftp, "Sha256 0 -1 " + FILE));
        }
    }

    @Test
    public void rangesAndLengthMinusOne() throws IOException {
        int offset = 1_000_003;
        int length = 700_001;
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            for (String algorithm : ALGORITHMS) {
                assertEquals(algorithm + " over [offset, offset+length)",
                        LocalChecksum.of(algorithm, content, offset, length),
                        cksm(ftp, algorithm + " " + offset + " " + length + " " + FILE));
                assertEquals(algorithm + " from offset to the end (length -1)",
                        LocalChecksum.of(algorithm, content, offset, SIZE - offset),
                        cksm(ftp, algorithm + " " + offset + " -1 " + FILE));
            }
            assertEquals("explicit length of the whole file", LocalChecksum.of("MD5", content, 0, SIZE),
                    cksm(ftp, "MD5 0 " + SIZE + " " + FILE));
            assertEquals("range ending exactly at the end", LocalChecksum.of("ADLER32", content, 5, SIZE - 5),
                    cksm(ftp, "ADLER32 5 " + (SIZE - 5) + " " + FILE));
            assertEquals("empty range at the end: adler32 of nothing", "00000001",
                    cksm(ftp, "ADLER32 " + SIZE + " -1 " + FILE));
            assertEquals("zero length", LocalChecksum.of("MD5", content, 0, 0), cksm(ftp, "MD5 17 0 " + FILE));
        }
    }

    @Test
    public void pathsWithSpacesAndRelativePaths() throws IOException {
        byte[] small = TestData.bytes(52, 10_000);
        Files.createDirectories(server.root().resolve("ck/with space"));
        Files.write(server.root().resolve("ck/with space/a  b.bin"), small);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            assertEquals("path with spaces", LocalChecksum.of("MD5", small, 0, small.length),
                    cksm(ftp, "MD5 0 -1 /ck/with space/a  b.bin"));
            ftp.command("CWD /ck/with space", 250);
            assertEquals("path relative to the working directory", LocalChecksum.of("SHA1", small, 0, small.length),
                    cksm(ftp, "SHA1 0 -1 a  b.bin"));
        }
    }

    @Test
    public void badInputGetsItsReplyAndTheSessionGoesOn() throws IOException {
        List<String[]> cases = List.of(
                new String[] {"CKSM", "501"},
                new String[] {"CKSM ADLER32", "501"},
                new String[] {"CKSM ADLER32 0", "501"},
                new String[] {"CKSM ADLER32 0 -1", "501"},
                new String[] {"CKSM ADLER32 zero -1 " + FILE, "501"},
                new String[] {"CKSM ADLER32 0 many " + FILE, "501"},
                new String[] {"CKSM ADLER32 -5 -1 " + FILE, "501"},
                new String[] {"CKSM ADLER32 0 -7 " + FILE, "501"},
                new String[] {"CKSM NOSUCHSUM 0 -1 " + FILE, "504"},
                new String[] {"CKSM SHA3 0 -1 " + FILE, "504"},
                new String[] {"CKSM ADLER32 0 -1 /ck/missing.bin", "550"},
                new String[] {"CKSM ADLER32 0 -1 /ck/dir", "550"},
                new String[] {"CKSM ADLER32 " + (SIZE + 1) + " -1 " + FILE, "550"},
                new String[] {"CKSM ADLER32 10 " + (SIZE - 9) + " " + FILE, "550"},
                new String[] {"CKSM ADLER32 0 " + Long.MAX_VALUE + " " + FILE, "550"});
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            for (String[] c : cases) {
                FtpReply reply = ftp.command(c[0]);
                assertEquals(c[0] + " -> " + reply, Integer.parseInt(c[1]), reply.code());
                ftp.command("NOOP", 200);
            }
            assertEquals("CKSM after all the refusals", LocalChecksum.of("CRC32C", content, 0, SIZE),
                    cksm(ftp, "CRC32C 0 -1 " + FILE));
        }
        try (FtpTestClient ftp = FtpTestClient.connect(server.port())) {
            assertEquals("CKSM before login", 530, ftp.command("CKSM ADLER32 0 -1 " + FILE).code());
        }
    }

    @Test
    public void featAdvertisesEveryAlgorithmOfTheStorage() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            FtpReply feat = ftp.command("FEAT", 211);
            assertTrue("FEAT must contain '" + FEAT_LINE + "':\n" + String.join("\n", feat.lines()),
                    feat.lines().contains(FEAT_LINE));
            FtpReply help = ftp.command("HELP", 214);
            assertTrue("HELP must list CKSM:\n" + String.join("\n", help.lines()),
                    help.lines().stream().anyMatch(l -> l.matches(".*\\bCKSM\\b.*")));
        }
    }

    @Test
    public void gfalSumGivesTheLocalValues() throws IOException {
        for (String algorithm : List.of("ADLER32", "MD5")) {
            String output = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, GFAL_ENVIRONMENT,
                    new ArrayList<>(List.of("gfal-sum", server.url("ck/file.bin"), algorithm))).assertSuccess().output();
            String expected = LocalChecksum.of(algorithm, content, 0, SIZE);
            assertTrue("gfal-sum ... " + algorithm + " must print " + expected + ":\n" + output,
                    output.lines().anyMatch(l -> l.trim().endsWith(" " + expected)));
        }
    }

    /** GCT's client computes the local file's digest itself; it can do MD5, as against Globus. */
    @Test
    public void globusUrlCopyVerifiesMd5OfADownload() throws IOException {
        Path local = server.work().resolve("download-md5.bin");
        GucDebugLog log = GlobusUrlCopy.debug("-verify-checksum", "-checksum-alg", "MD5",
                server.url("ck/file.bin"), fileUrl(local));
        assertArrayEquals("downloaded copy", content, Files.readAllBytes(local));
        assertServerAnswered(log, "CKSM MD5 0 -1 ", LocalChecksum.of("MD5", content, 0, SIZE));
    }

    /**
     * A download verified with ADLER32. globus-url-copy 10.12 computes the local file's digest
     * through OpenSSL, which has no ADLER32, so it fails after the transfer with
     * "Unable to use checksum algorithm ADLER32" against any server (also against Globus's own,
     * see the wire capture g_cksum_get). What the server must get right is checked: its CKSM
     * answer and the data; the client may fail only with that local error.
     */
    @Test
    public void globusUrlCopyAdler32DownloadFailsOnlyOnTheLocalSide() throws IOException {
        Path local = server.work().resolve("download-adler32.bin");
        CommandRunner.Result result = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), "globus-url-copy",
                "-dbg", "-verify-checksum", "-checksum-alg", "ADLER32", server.url("ck/file.bin"), fileUrl(local));
        GucDebugLog log = new GucDebugLog(result.output());
        assertServerAnswered(log, "CKSM ADLER32 0 -1 ", LocalChecksum.of("ADLER32", content, 0, SIZE));
        assertArrayEquals("downloaded copy", content, Files.readAllBytes(local));
        if (result.exitCode() != 0) {
            assertTrue("the only acceptable failure is the client's own ADLER32 gap:\n" + log.excerpt(),
                    result.output().strip().endsWith("error: Unable to use checksum algorithm ADLER32"));
        }
    }

    /** Gantry to Gantry: the client compares the CKSM replies of source and destination. */
    @Test
    public void globusUrlCopyVerifiesAdler32OfAThirdPartyCopy() throws IOException {
        GucDebugLog log = GlobusUrlCopy.debug("-verify-checksum", "-checksum-alg", "ADLER32",
                server.url("ck/file.bin"), server.url("ck/copy-3pt.bin"));
        assertArrayEquals("third-party copy on the server disk", content,
                Files.readAllBytes(server.root().resolve("ck/copy-3pt.bin")));
        List<GucDebugLog.Exchange> sums = log.exchanges("CKSM ADLER32 0 -1 ");
        assertEquals("CKSM on the source and on the destination:\n" + log.excerpt(), 2, sums.size());
        String expected = "213 " + LocalChecksum.of("ADLER32", content, 0, SIZE);
        for (GucDebugLog.Exchange e : sums) {
            assertEquals(e.command(), expected, e.reply());
        }
    }

    private static void assertServerAnswered(GucDebugLog log, String commandPrefix, String expected) {
        List<GucDebugLog.Exchange> sums = log.exchanges(commandPrefix);
        assertEquals("one " + commandPrefix + "... sent:\n" + log.excerpt(), 1, sums.size());
        assertEquals(sums.get(0).command(), "213 " + expected, sums.get(0).reply());
    }

    /** Sends {@code CKSM <args>}, requires 213 and returns the value. */
    private static String cksm(FtpTestClient ftp, String args) throws IOException {
        FtpReply reply = ftp.command("CKSM " + args, 213);
        assertEquals("one-line reply to CKSM " + args, 1, reply.lines().size());
        return reply.lines().get(0).substring(4);
    }
}
