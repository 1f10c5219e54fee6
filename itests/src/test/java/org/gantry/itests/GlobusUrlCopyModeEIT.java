package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * globus-url-copy in MODE E against a launched server: parallel streams on 1 GiB files, cached
 * data channels ({@code -fast}, {@code -pp}, {@code -cc}) on trees of 1,000 files, partial
 * transfers (ERET P / ESTO A), TCP buffer commands, listings, and IPv6. The client's {@code -dbg}
 * output and the server's command log show that the MODE E features were really used.
 */
public class GlobusUrlCopyModeEIT {

    private static final long BIG_FILE_SIZE = 1L << 30;
    private static final int TREE_FILES = 1000;
    private static final int TREE_FILE_SIZE = 4096;
    private static final int PARTIAL_FILE_SIZE = 1 << 20;
    private static final int PARTIAL_OFFSET = 123_457;
    private static final int PARTIAL_LENGTH = 456_789;
    private static final int TCP_BUFFER = 1 << 20;
    private static final String REUSED = "125 Beginning transfer; reusing existing data connection.";

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("guce").requiring("globus-url-copy")
            .withOptions("--command-log");

    private static Path tree;

    @BeforeClass
    public static void makeTree() throws IOException {
        tree = Files.createDirectories(server.work().resolve("tree"));
        for (int i = 0; i < TREE_FILES; i++) {
            Files.write(tree.resolve(String.format("f%04d.bin", i)), TestData.bytes(9_000 + i, TREE_FILE_SIZE));
        }
    }

    @Test
    public void bigFileWithFourStreams() throws IOException {
        bigFileRoundTrip(4);
    }

    @Test
    public void bigFileWithEightStreams() throws IOException {
        bigFileRoundTrip(8);
    }

    /** 1 GiB up and down with {@code -p n}; on the way down the server is asked for n streams. */
    private static void bigFileRoundTrip(int streams) throws IOException {
        String p = String.valueOf(streams);
        Path source = TestData.randomFile(server.work().resolve("big-p" + p + ".src"), 1_000 + streams, BIG_FILE_SIZE);
        Path downloaded = server.work().resolve("big-p" + p + ".downloaded");
        String expected = TestData.sha256(source);

        GlobusUrlCopy.run("-p", p, fileUrl(source), server.url("big-p" + p + ".bin"));
        Path onServer = server.root().resolve("big-p" + p + ".bin");
        assertTrue("uploaded file missing on the server disk: " + onServer, Files.isRegularFile(onServer));
        assertEquals("size on the server disk", BIG_FILE_SIZE, Files.size(onServer));
        assertEquals("SHA-256 on the server disk after -p " + p, expected, TestData.sha256(onServer));

        GucDebugLog get = GlobusUrlCopy.debug("-p", p, server.url("big-p" + p + ".bin"), fileUrl(downloaded));
        assertAnswered(get, "OPTS RETR Parallelism=" + p + "," + p + "," + p + ";", "200 ");
        assertEquals("SHA-256 of the copy downloaded with -p " + p, expected, TestData.sha256(downloaded));

        // 3 GiB is too much to keep around after a passing run.
        Files.delete(source);
        Files.delete(downloaded);
        Files.delete(onServer);
    }

    @Test
    public void treeWithCachedDataChannels() throws IOException {
        TreeCopy copy = treeRoundTrip("fast", "-fast");
        assertReusedPerFile("-fast upload", copy.up());
        assertReusedPerFile("-fast download", copy.down());
    }

    @Test
    public void treeWithCachedDataChannelsAndPipelining() throws IOException {
        TreeCopy copy = treeRoundTrip("fast-pp", "-fast", "-pp");
        assertReusedPerFile("-fast -pp upload", copy.up());
        assertReusedPerFile("-fast -pp download", copy.down());
    }

    @Test
    public void treeWithFourConcurrentSessions() throws IOException {
        treeRoundTrip("cc4", "-cc", "4");
    }

    /** Four sessions at once, each on its own cached channel; counted in the server's command log. */
    @Test
    public void treeWithFourConcurrentSessionsReusingTheirChannels() throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        treeRoundTrip("cc4-fast", "-cc", "4", "-fast");
        // Only each session's first transfer opens a channel; both directions together. (GUC's
        // -dbg output of concurrent sessions is interleaved, hence the server's log here.)
        long atLeast = 2L * (TREE_FILES - 4);
        Await.until(atLeast + " '" + REUSED + "' replies in the new sessions' command logs",
                Duration.ofSeconds(10), () -> logs.countRepliesSince(before, REUSED) >= atLeast,
                () -> logs.countRepliesSince(before, REUSED) + " so far; " + logs.summary());
    }

    /** The -dbg output of a tree's upload and of its download. */
    private record TreeCopy(GucDebugLog up, GucDebugLog down) {
    }

    /**
     * Copies the tree up with {@code -r -cd} and the options, then back down, and checks both
     * copies byte for byte.
     */
    private static TreeCopy treeRoundTrip(String name, String... options) throws IOException {
        Path onServer = server.root().resolve("tree-" + name);
        Path back = server.work().resolve("tree-" + name + "-back");
        GucDebugLog up = GlobusUrlCopy.debug(
                args(options, "-r", "-cd", fileUrl(tree) + "/", server.url("tree-" + name + "/")));
        TestData.assertSameFiles(tree, onServer);
        GucDebugLog down = GlobusUrlCopy.debug(
                args(options, "-r", "-cd", server.url("tree-" + name + "/"), fileUrl(back) + "/"));
        TestData.assertSameFiles(tree, back);
        return new TreeCopy(up, down);
    }

    /** After the first transfer, every file travels over the cached channel. */
    private static void assertReusedPerFile(String what, GucDebugLog log) {
        long reused = log.countReplies(REUSED);
        assertTrue(what + ": expected at least " + (TREE_FILES - 1) + " '" + REUSED + "' replies, got "
                + reused + "\n" + log.excerpt(), reused >= TREE_FILES - 1);
    }

    @Test
    public void partialGetInStreamMode() throws IOException {
        partialGet("stream");
    }

    @Test
    public void partialGetInModeE() throws IOException {
        partialGet("mode-e", "-p", "2");
    }

    /** {@code -off/-len} download: GUC sends {@code ERET P off len} and writes the range into the local file. */
    private static void partialGet(String name, String... options) throws IOException {
        String file = "partial-get-" + name + ".bin";
        Path local = server.work().resolve("partial-get-" + name + ".local");
        partialCopy(71, server.root().resolve(file), server.url(file), local, fileUrl(local),
                "ERET P " + PARTIAL_OFFSET + " " + PARTIAL_LENGTH + " ", options);
    }

    @Test
    public void partialPutInStreamMode() throws IOException {
        partialPut("stream");
    }

    @Test
    public void partialPutInModeE() throws IOException {
        partialPut("mode-e", "-p", "2");
    }

    /** {@code -off/-len} upload sends {@code ESTO A off}: the range lands at off on the server. */
    private static void partialPut(String name, String... options) throws IOException {
        String file = "partial-put-" + name + ".bin";
        Path local = server.work().resolve("partial-put-" + name + ".local");
        partialCopy(81, local, fileUrl(local), server.root().resolve(file), server.url(file),
                "ESTO A " + PARTIAL_OFFSET + " ", options);
    }

    /**
     * Copies bytes {@value #PARTIAL_OFFSET}+{@value #PARTIAL_LENGTH} of a seeded {@code source}
     * over an existing, differently seeded {@code target} of the same size with {@code -off/-len},
     * GUC sending {@code command}: exactly that range may change and nothing is truncated.
     */
    private static void partialCopy(long seed, Path source, String from, Path target, String to, String command,
            String... options) throws IOException {
        byte[] sent = TestData.bytes(seed, PARTIAL_FILE_SIZE);
        byte[] old = TestData.bytes(seed + 1, PARTIAL_FILE_SIZE);
        Files.write(source, sent);
        Files.write(target, old);

        GucDebugLog log = GlobusUrlCopy.debug(args(options, "-off", String.valueOf(PARTIAL_OFFSET),
                "-len", String.valueOf(PARTIAL_LENGTH), from, to));
        assertFalse("GUC did not send " + command.trim() + "\n" + log.excerpt(), log.exchanges(command).isEmpty());

        byte[] expected = old.clone();
        System.arraycopy(sent, PARTIAL_OFFSET, expected, PARTIAL_OFFSET, PARTIAL_LENGTH);
        assertEquals("size of " + target + " after the partial copy", PARTIAL_FILE_SIZE, Files.size(target));
        assertArrayEquals(target + " after copying bytes " + PARTIAL_OFFSET + "+" + PARTIAL_LENGTH + " of " + from,
                expected, Files.readAllBytes(target));
    }

    /** {@code -tcp-bs} makes GUC send SITE STORBUFSIZE (put) and SITE RETRBUFSIZE (get) first. */
    @Test
    public void tcpBufferSizeForGetAndPut() throws IOException {
        String size = String.valueOf(TCP_BUFFER);
        Path source = TestData.randomFile(server.work().resolve("tcp-bs.src"), 91, 16L << 20);
        Path downloaded = server.work().resolve("tcp-bs.downloaded");
        String expected = TestData.sha256(source);

        GucDebugLog put = GlobusUrlCopy.debug("-p", "2", "-tcp-bs", size, fileUrl(source), server.url("tcp-bs.bin"));
        assertAnswered(put, "SITE STORBUFSIZE " + size, "200 ");
        assertEquals("SHA-256 on the server disk after -tcp-bs put", expected,
                TestData.sha256(server.root().resolve("tcp-bs.bin")));

        GucDebugLog get = GlobusUrlCopy.debug("-p", "2", "-tcp-bs", size, server.url("tcp-bs.bin"), fileUrl(downloaded));
        assertAnswered(get, "SITE RETRBUFSIZE " + size, "200 ");
        assertEquals("SHA-256 of the -tcp-bs download", expected, TestData.sha256(downloaded));
    }

    /** GUC lists in MODE E only with -fast; -p alone keeps listings in stream mode. */
    @Test
    public void listWithParallelStreams() throws IOException {
        List<String> names = listingDirectory("listing-p2");
        GucDebugLog log = GlobusUrlCopy.debug("-p", "2", "-fast", "-list", server.url("listing-p2/"));
        assertAnswered(log, "MODE E", "200 ");
        assertAnswered(log, "OPTS RETR Parallelism=2,2,2;", "200 ");
        assertListed(log.output(), names);
    }

    @Test
    public void listWithCachedDataChannel() throws IOException {
        List<String> names = listingDirectory("listing-fast");
        GucDebugLog log = GlobusUrlCopy.debug("-fast", "-list", server.url("listing-fast/"));
        assertAnswered(log, "MODE E", "200 ");
        assertListed(log.output(), names);
    }

    /** {@code -r -list} lists the subdirectory too, its MLSD over the cached channel. */
    @Test
    public void recursiveListWithCachedDataChannel() throws IOException {
        List<String> names = listingDirectory("listing-r");
        GucDebugLog log = GlobusUrlCopy.debug("-r", "-fast", "-list", server.url("listing-r/"));
        String output = log.output();
        assertListed(output, names);
        assertListed(output, List.of("g1.bin", "g2.bin", "g3.bin"));
        assertTrue("no listing header for the subdirectory:\n" + output,
                output.contains(server.url("listing-r/sub/")));
        assertTrue("the MLSD of the subdirectory did not reuse the data channel:\n" + output,
                log.countReplies(REUSED) >= 1);
    }

    /** 12 files and a subdirectory holding g1.bin..g3.bin; returns the names a listing must show. */
    private static List<String> listingDirectory(String name) throws IOException {
        Path dir = server.root().resolve(name);
        List<String> names = new ArrayList<>(TestData.smallFiles(dir, 12, 11));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        for (int i = 1; i <= 3; i++) {
            Files.write(sub.resolve("g" + i + ".bin"), TestData.bytes(i, 100));
        }
        names.add("sub/");
        return names;
    }

    private static void assertListed(String output, List<String> names) {
        Set<String> listed = output.lines().map(String::trim).collect(Collectors.toSet());
        for (String name : names) {
            assertTrue(name + " missing from the listing:\n" + output, listed.contains(name));
        }
    }

    /**
     * A second server listening on ::1 only: a stream-mode and a MODE E round trip with
     * {@code -ipv6} (EPSV for the upload, EPRT |2|::1|... for the download in MODE E).
     */
    @Test
    public void ipv6RoundTrips() throws IOException {
        try (LaunchedServer v6 = new LaunchedServer("guce6").listeningOn("::1").start()) {
            Path source = TestData.randomFile(server.work().resolve("ipv6.src"), 61, 16L << 20);
            String expected = TestData.sha256(source);

            GlobusUrlCopy.run("-ipv6", fileUrl(source), v6.url("stream.bin"));
            assertEquals("SHA-256 on the ::1 server disk (stream mode)", expected,
                    TestData.sha256(v6.root().resolve("stream.bin")));
            Path streamBack = server.work().resolve("ipv6-stream.downloaded");
            GlobusUrlCopy.run("-ipv6", v6.url("stream.bin"), fileUrl(streamBack));
            assertEquals("SHA-256 of the stream-mode download over ::1", expected, TestData.sha256(streamBack));

            GucDebugLog put = GlobusUrlCopy.debug("-ipv6", "-p", "2", fileUrl(source), v6.url("mode-e.bin"));
            assertAnswered(put, "EPSV", "229 ");
            assertEquals("SHA-256 on the ::1 server disk (MODE E)", expected,
                    TestData.sha256(v6.root().resolve("mode-e.bin")));
            Path modeEBack = server.work().resolve("ipv6-mode-e.downloaded");
            GucDebugLog get = GlobusUrlCopy.debug("-ipv6", "-p", "2", v6.url("mode-e.bin"), fileUrl(modeEBack));
            assertAnswered(get, "EPRT |2|::1|", "200 ");
            assertEquals("SHA-256 of the MODE E download over ::1", expected, TestData.sha256(modeEBack));
        }
    }

    /** GUC sent a command starting with {@code command} and the reply to it starts with {@code reply}. */
    private static void assertAnswered(GucDebugLog log, String command, String reply) {
        List<GucDebugLog.Exchange> sent = log.exchanges(command);
        assertFalse("globus-url-copy never sent '" + command + "'\n" + log.excerpt(), sent.isEmpty());
        for (GucDebugLog.Exchange exchange : sent) {
            assertTrue("'" + exchange.command() + "' was answered '" + exchange.reply() + "', expected " + reply
                    + "...\n" + log.excerpt(), exchange.reply() != null && exchange.reply().startsWith(reply));
        }
    }

    private static List<String> args(String[] options, String... rest) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(rest));
        return all;
    }
}
