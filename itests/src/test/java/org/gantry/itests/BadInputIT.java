package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Hostile and broken input over a raw control socket against a launched server: over-long and
 * unknown commands, commands before login, paths that try to leave the root (.., NUL, symlinks),
 * uploads that break half-way, and a full memory DSI. The server must answer with the right
 * failure, leave no partial file and keep serving.
 */
public class BadInputIT {

    /** Replies that refuse a path: 550 (not found / denied) or 553 (name not allowed). */
    private static final Set<Integer> PATH_REFUSED = Set.of(550, 553);

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("bad");

    @Test
    public void overLongCommandLineIsRefusedAndTheSessionSurvives() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            FtpReply reply = ftp.command("NOOP " + "x".repeat(100 * 1024));
            assertEquals("a 100 KiB command line: " + reply, 500, reply.code());
            ftp.command("NOOP", 200);
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void unknownVerbIs500() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            assertEquals(500, ftp.command("XYZZY now").code());
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void commandsBeforeLoginAre530() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.connect(server.port())) {
            for (String command : List.of("PWD", "CWD /", "PASV", "LIST", "RETR x", "STOR x", "MKD d",
                    "DELE x", "SIZE x", "RNFR x")) {
                assertEquals(command + " before login", 530, ftp.command(command).code());
            }
        }
        assertFalse("STOR before login must not create a file", Files.exists(server.root().resolve("x")));
        assertFalse("MKD before login must not create a directory", Files.exists(server.root().resolve("d")));
    }

    @Test
    public void pathsEscapingTheRootAreRefused() throws IOException {
        Files.write(server.root().resolve("nul-target"), TestData.bytes(3, 100));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            assertRefused("RETR ../../etc/passwd", ftp.refusedTransfer("RETR ../../etc/passwd"));
            assertRefused("RETR /../../../etc/passwd", ftp.refusedTransfer("RETR /../../../etc/passwd"));
            // A C-style server would cut the name at the NUL and serve nul-target.
            assertRefused("RETR nul-target<NUL>.txt", ftp.refusedTransfer("RETR nul-target\u0000.txt"));
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void symlinkToOutsideTheRootCannotBeFollowed() throws IOException {
        Path outside = TestData.emptyDirectory(server.work().resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(server.root().resolve("escape"), outside);
        Map<String, String> before = snapshot(outside);

        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            assertRefused("RETR escape/secret.txt", ftp.refusedTransfer("RETR escape/secret.txt"));
            assertRefused("LIST escape", ftp.refusedTransfer("LIST escape"));
            assertRefused("STOR escape/planted.txt", ftp.refusedTransfer("STOR escape/planted.txt"));
            assertRefused("CWD escape", ftp.command("CWD escape"));
            assertRefused("SIZE escape/secret.txt", ftp.command("SIZE escape/secret.txt"));
            assertRefused("DELE escape/secret.txt", ftp.command("DELE escape/secret.txt"));
            assertRefused("MKD escape/made", ftp.command("MKD escape/made"));
            ftp.command("NOOP", 200);
        }
        assertEquals("the directory outside the root must be untouched", before, snapshot(outside));
    }

    @Test
    public void resetDataConnectionLeavesNoFile() throws IOException {
        Path dir = Files.createDirectory(server.root().resolve("reset"));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            Socket data = startUpload(ftp, "reset/reset.bin");
            data.getOutputStream().write(TestData.bytes(4, 256 * 1024));
            data.getOutputStream().flush();
            data.setSoLinger(true, 0);
            data.close();
            FtpReply reply = ftp.readReply();
            assertTrue("an upload whose data connection was reset must fail, got " + reply, reply.isFailure());
            assertNoUploadDebris(dir, "reset.bin");
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void lostControlConnectionBeforeCompletionLeavesNoFile() throws IOException {
        Path dir = Files.createDirectory(server.root().resolve("lost"));
        FtpTestClient ftp = FtpTestClient.loggedIn(server.port());
        try (Socket data = startUpload(ftp, "lost/lost.bin")) {
            data.getOutputStream().write(TestData.bytes(5, 1 << 20));
            data.getOutputStream().flush();
            ftp.close();
            // The rest of the file, then a normal end of data (FIN), as if nothing had happened.
            BackgroundSender.awaitQuietly(BackgroundSender.send(data, 6, 48));
        }
        observeNoCommit(dir, "lost.bin", Duration.ofSeconds(10));
        assertNoUploadDebris(dir, "lost.bin");
    }

    @Test
    public void uploadShorterThanAlloFailsAndLeavesNoFile() throws IOException {
        Path dir = Files.createDirectory(server.root().resolve("allo"));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.command("TYPE I", 200);
            FtpReply reply;
            try (Socket data = ftp.openPassive()) {
                FtpReply allo = ftp.command("ALLO 1000000");
                assertTrue("ALLO 1000000: " + allo, allo.code() == 200 || allo.code() == 202);
                reply = ftp.command("STOR allo/short.bin");
                if (reply.isPreliminary()) {
                    data.getOutputStream().write(TestData.bytes(7, 1000));
                }
            }
            if (reply.isPreliminary()) {
                reply = ftp.readReply();
            }
            assertTrue("1000 bytes after ALLO 1000000 must fail, got " + reply, reply.isFailure());
            assertNoUploadDebris(dir, "short.bin");
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void fullMemoryDsiAnswersNoSpaceInsteadOfHanging() throws IOException {
        server.shell("feature:install gantry-dsi-memory");
        // A second memory instance of 1 MiB, as an operator would drop it into etc/.
        Files.writeString(server.karafHome().resolve("etc/org.gantry.dsi.memory-small.cfg"),
                "name = small\ncapacity = 1048576\n");
        Await.until("the 'small' memory DSI in gridftp:dsi-list", Duration.ofSeconds(60),
                () -> shellQuietly("gridftp:dsi-list").contains("small"), () -> shellQuietly("gridftp:dsi-list"));
        server.shell("gridftp:mount-add /mem small");

        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.controlSocket().setSoTimeout(15_000);
            long started = System.nanoTime();
            List<FtpReply> replies = new ArrayList<>();
            Socket data = ftp.startTransfer("STOR /mem/big", replies);
            FtpReply reply = replies.get(0);
            if (data != null) {
                try (data) {
                    // Written in the background: a server that stops reading must not hang the test.
                    BackgroundSender.send(data, 20, 32);
                    reply = ftp.readReply();
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue("2 MiB into a 1 MiB memory DSI must get 452 or 552, got " + reply,
                    reply.code() == 452 || reply.code() == 552);
            assertTrue("the no-space reply took " + seconds + " s", seconds < 15);
            assertEquals("no partial /mem/big may be visible", 550, ftp.command("SIZE /mem/big").code());

            byte[] small = TestData.bytes(30, 1024);
            ftp.storeOk("/mem/after-full.bin", small);
            assertArrayEquals("the aborted upload's space is free again", small, ftp.retrieve("/mem/after-full.bin"));
        }
    }

    private static Socket startUpload(FtpTestClient ftp, String path) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        Socket data = ftp.startTransfer("STOR " + path, replies);
        if (data == null) {
            fail("STOR " + path + " refused: " + replies.get(0));
        }
        return data;
    }

    /**
     * Watches {@code dir} for up to {@code window}: {@code name} must never appear. Ends early once
     * an upload temp file was seen and has gone again (the server has settled the upload).
     */
    private static void observeNoCommit(Path dir, String name, Duration window) throws IOException {
        long deadline = System.nanoTime() + window.toNanos();
        boolean sawTemp = false;
        while (System.nanoTime() < deadline) {
            List<String> names = TestData.fileNames(dir);
            assertFalse(name + " became visible although the control connection was lost: " + names,
                    names.contains(name));
            boolean temp = !names.isEmpty() || hasRootTempFiles();
            if (sawTemp && !temp) {
                return;
            }
            sawTemp |= temp;
            Await.pause();
        }
    }

    /** Nothing in {@code dir} (no file, no hidden temp file) and no upload temp file in the root. */
    private static void assertNoUploadDebris(Path dir, String name) throws IOException {
        assertEquals("after the failed upload of " + name + ", " + dir + " must be empty",
                List.of(), TestData.fileNames(dir));
        assertFalse("upload temp files left in the root: " + TestData.fileNames(server.root()), hasRootTempFiles());
    }

    private static boolean hasRootTempFiles() {
        try {
            return TestData.fileNames(server.root()).stream().anyMatch(n -> n.contains("gantry-upload"));
        } catch (IOException e) {
            throw new AssertionError("cannot list " + server.root(), e);
        }
    }

    private static void assertRefused(String what, FtpReply reply) {
        assertTrue(what + " must be refused with 550 or 553, got " + reply, PATH_REFUSED.contains(reply.code()));
    }

    /** Name → content of every file below {@code dir}. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                files.put(dir.relativize(p).toString(),
                        Files.isRegularFile(p) ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "<dir>");
            }
        }
        return files;
    }

    private static String shellQuietly(String command) {
        try {
            return server.shell(command);
        } catch (IOException | AssertionError e) {
            return "(" + command + " failed: " + e.getMessage() + ")";
        }
    }
}
