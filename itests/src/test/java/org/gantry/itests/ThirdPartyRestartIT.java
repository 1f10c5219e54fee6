package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The third-party restart of docs/wire/h_restart_3pt_modeE.txt with Gantry as the destination:
 * globus-url-copy copies a 2 GiB file from the real Globus server to Gantry with 4 streams; once
 * Gantry has sent a 111 range marker the administrator kills the receiving session
 * ({@code gridftp:session-kill}); globus-url-copy must restart on its own with {@code REST
 * <ranges>} and finish, Gantry must keep the bytes it reported and receive only the rest, and
 * nothing hidden may be left next to the finished file.
 */
public class ThirdPartyRestartIT {

    private static final long SIZE = 2L << 30;
    private static final String SOURCE = "restart.src";
    private static final String TARGET = "restart.dst";
    private static final String STOR = "STOR /" + TARGET;
    private static final String HIDDEN_PREFIX = ".gantry-upload-";
    private static final Duration TRANSFER_START = Duration.ofSeconds(60);
    private static final Duration FIRST_RANGE_MARKER = Duration.ofSeconds(60);
    private static final Duration SHELL_RETRY = Duration.ofSeconds(60);
    /** Small TCP buffers (as in the capture) slow the copy down so that the kill lands mid-transfer. */
    private static final List<String> GUC_OPTIONS = List.of("-dbg", "-p", "4", "-tcp-bs", "4096",
            "-rst", "-rst-retries", "5", "-rst-interval", "2", "-stall-timeout", "60");

    private static Path work;
    private static GlobusServer globus;
    private static GantryInstance gantry;

    @BeforeClass
    public static void startServers() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("third-party-restart"));
        globus = new GlobusServer(work.resolve("globus")).start();
        gantry = new GantryInstance("3pt-restart", work.resolve("gantry")).start("--command-log");
        // The default 5 s marker interval would leave the kill little room in a 2 GiB copy.
        gantry.shell("config:property-set -p org.gantry.server markerIntervalSeconds 1");
        assertEquals("markerIntervalSeconds after config:property-set", "1",
                gantry.shell("config:property-get -p org.gantry.server markerIntervalSeconds").trim());
    }

    @AfterClass
    public static void stopServers() throws IOException {
        try {
            if (globus != null) {
                globus.stop();
            }
        } finally {
            if (gantry != null) {
                gantry.stop();
            }
        }
    }

    @Test
    public void killedDestinationSessionIsResumedWithRestRanges() throws IOException {
        Path source = TestData.randomFile(globus.root().resolve(SOURCE), 3_2024L, SIZE);
        globus.giveToServer(source);
        String expected = TestData.sha256(source);
        Set<Path> before = new SessionCommandLogs(gantry).snapshot();

        List<String> command = new ArrayList<>(List.of("globus-url-copy"));
        command.addAll(GUC_OPTIONS);
        command.addAll(List.of(globus.url(SOURCE), gantry.url(TARGET)));
        SessionLog killed;
        CommandRunner.Result copy;
        try (BackgroundCommand guc = BackgroundCommand.start(command)) {
            killed = awaitStorSession(before, guc);
            long id = sessionIdFromShell();
            assertEquals("gridftp:sessions names another session for " + STOR + " than the command log", killed.id(), id);
            Await.until("a 111 range marker in session " + id, FIRST_RANGE_MARKER,
                    () -> killed.sentReply("111 Range Marker") || !guc.isAlive(), () -> killed.tail(12));
            assertTrue("globus-url-copy ended before the kill:\n" + guc.output(), guc.isAlive());
            String said = gantry.shell("gridftp:session-kill " + id);
            assertTrue("gridftp:session-kill " + id + " said: " + said, said.contains("session " + id + " closed"));
            copy = guc.await(CommandRunner.CLIENT_TIMEOUT);
            if (copy.exitCode() != 0) {
                fail("globus-url-copy did not recover from the killed session (exit " + copy.exitCode() + ")"
                        + diagnostics(copy.output(), before));
            }
        }

        assertFalse("the first STOR completed before the kill landed, so nothing was restarted; "
                + "the copy is too fast for this test" + diagnostics(copy.output(), before), killed.sentReply("226"));
        assertTrue("the killed session was not told 421:\n" + killed.tail(5), killed.sentReply("421"));

        SessionLog resumed = completedStor(before, copy.output());
        ByteRanges rest = restRanges(resumed);
        assertFalse("REST before the resumed STOR names no ranges:\n" + resumed.tail(40), rest.isEmpty());
        ByteRanges reported = reportedBefore(before, resumed);
        assertTrue("REST " + rest + " names bytes Gantry never reported in a 111 marker (" + reported + ")",
                reported.containsAll(rest));

        OptionalLong received = resumed.lastStripeBytes();
        assertTrue("no 112 perf marker in the resumed session:\n" + resumed.tail(40), received.isPresent());
        assertTrue("the resumed STOR received " + received.getAsLong() + " bytes, not less than the file ("
                + SIZE + "): the kept part was sent again", received.getAsLong() < SIZE);
        assertEquals("bytes received by the resumed STOR, after REST " + rest, SIZE - rest.length(), received.getAsLong());

        Path copied = gantry.root().resolve(TARGET);
        assertTrue("the copy is missing on Gantry's disk: " + copied, Files.isRegularFile(copied));
        assertEquals("size of " + copied, SIZE, Files.size(copied));
        assertEquals("SHA-256 of " + copied, expected, TestData.sha256(copied));
        List<String> names = TestData.fileNames(gantry.root());
        assertTrue("hidden upload files left after the resumed copy: " + names,
                names.stream().noneMatch(n -> n.startsWith(HIDDEN_PREFIX)));
        assertEquals("files in Gantry's root", List.of(TARGET), names);

        // 4 GiB is too much to keep after a passing run.
        Files.delete(source);
        Files.delete(copied);
    }

    /** The new session whose client sent the STOR, once the transfer is under way. */
    private static SessionLog awaitStorSession(Set<Path> before, BackgroundCommand guc) {
        SessionLog[] found = new SessionLog[1];
        Await.until("a Gantry session with " + STOR + " and 150", TRANSFER_START, () -> {
            for (SessionLog log : SessionLog.newSince(gantry, before)) {
                if (log.sentCommand(STOR) && log.sentReply("150")) {
                    found[0] = log;
                    return true;
                }
            }
            return !guc.isAlive();
        }, guc::output);
        assertTrue("globus-url-copy ended before Gantry answered 150 to " + STOR + ":\n" + guc.output(), found[0] != null);
        return found[0];
    }

    /** The id {@code gridftp:sessions} lists with the running {@code STOR /<target>}. */
    private static long sessionIdFromShell() throws IOException {
        long deadline = System.nanoTime() + SHELL_RETRY.toNanos();
        String table;
        do {
            table = gantry.shell("gridftp:sessions");
            List<Long> ids = new ArrayList<>();
            for (String row : table.split("\r?\n")) {
                String[] cells = row.split("\\|");
                if (cells.length >= 6 && cells[5].trim().startsWith(STOR + " ")) {
                    ids.add(Long.parseLong(cells[0].trim()));
                }
            }
            assertTrue("more than one session runs " + STOR + ":\n" + table, ids.size() <= 1);
            if (ids.size() == 1) {
                return ids.get(0);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("gridftp:sessions never listed a session running " + STOR + ":\n" + table);
    }

    /** The session whose STOR ended with 226 (the restart that finished the copy). */
    private static SessionLog completedStor(Set<Path> before, String gucOutput) {
        SessionLog done = null;
        for (SessionLog log : SessionLog.newSince(gantry, before)) {
            if (log.sentCommand(STOR) && log.sentReply("226")) {
                assertTrue("two sessions completed " + STOR + ": " + (done == null ? "" : done.id()) + " and " + log.id(),
                        done == null);
                done = log;
            }
        }
        if (done == null) {
            fail("no Gantry session completed " + STOR + diagnostics(gucOutput, before));
        }
        return done;
    }

    /** The ranges of the REST the resumed session received before its STOR. */
    private static ByteRanges restRanges(SessionLog resumed) {
        List<String> commands = resumed.commands();
        int stor = commands.indexOf(STOR);
        for (int i = stor - 1; i >= 0; i--) {
            if (commands.get(i).startsWith("REST ")) {
                return ByteRanges.parse(commands.get(i).substring("REST ".length()));
            }
        }
        throw new AssertionError("the resumed session sent no REST before " + STOR + ":\n" + resumed.tail(40));
    }

    /** Everything Gantry reported stored in 111 markers of the sessions before {@code resumed}. */
    private static ByteRanges reportedBefore(Set<Path> before, SessionLog resumed) {
        ByteRanges reported = new ByteRanges();
        for (SessionLog log : SessionLog.newSince(gantry, before)) {
            if (log.id() < resumed.id()) {
                reported.addAll(log.rangeMarkers());
            }
        }
        return reported;
    }

    /** The client's output, the Gantry session logs of this copy and the server logs. */
    private static String diagnostics(String gucOutput, Set<Path> before) {
        StringBuilder text = new StringBuilder("\n--- globus-url-copy output (tail) ---\n").append(tail(gucOutput, 4000));
        for (SessionLog log : SessionLog.newSince(gantry, before)) {
            text.append("\n--- Gantry ").append(log.tail(8));
        }
        return text.append("\n--- Gantry karaf.log (tail) ---\n").append(gantry.karafLogTail(20))
                .append("\n--- Globus log (tail) ---\n").append(globus.logTail(20)).toString();
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : "[...]" + text.substring(text.length() - chars);
    }
}
