package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Every failure the tape DSI can inject ends in a clear reply (code and a text naming the cause)
 * and a consistent catalogue: the file keeps its locality, no recall stays queued, and once the
 * fault is cleared the file is flushed or reads back intact. Two drives; the flush watchdog is
 * 2 s (real) so that a stuck flush fails quickly.
 */
public class TapeFailuresIT {

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("tape-failures").requiring("globus-url-copy");

    /** A row of gridftp:tape-drives: number, state, ... separated by bars. */
    private static final Pattern DRIVE_0_DOWN = Pattern.compile("(?m)^\\s*0\\s*\\|\\s*DOWN\\b");

    private static TapeDsiInstance tape;

    @BeforeClass
    public static void mountTheTapeDsi() throws IOException {
        tape = TapeDsiInstance.mount(gantry, "tape", "/tape", "flushWatchdogSeconds = 2000");
    }

    @After
    public void clearFaults() throws IOException {
        assertTrue(tape.tape("fail", "--clear").contains("no failures injected"));
    }

    @Test
    public void aMountFailureFailsTheRecallWithItsCauseAndLeavesTheFileNearline() throws IOException {
        byte[] content = TestData.bytes(31, 300_000);
        tape.storeNearline("mount.bin", content);
        String before = tape.tapes("metrics", "fail mount-failure *");
        assertTrue(before, before.contains("mount-failure *: mounting any cartridge fails"));

        FtpReply reply = retrieveRefused("mount.bin");
        assertEquals(reply.toString(), 451, reply.code());
        String after = assertConsistentNearline("mount.bin");
        assertTrue(reply.toString(), reply.toString().contains("recall from tape failed: mount of cartridge "
                + TapeDsiInstance.cartridgeIn(after) + " failed"));
        assertTrue("the failed mount is counted", TapeDsiInstance.metricIn(after, "mountFailures")
                > TapeDsiInstance.metricIn(before, "mountFailures"));

        tape.tape("fail", "--clear");
        assertReadsBack("mount.bin", content);
    }

    @Test
    public void aDisabledCartridgeFailsItsRecallsAndFlushesGoElsewhere() throws IOException {
        byte[] content = TestData.bytes(32, 200_000);
        tape.storeNearline("disabled.bin", content);
        String cartridge = tape.cartridgeOf("disabled.bin");
        String cartridges = tape.tapes("fail disabled " + cartridge, "cartridges");
        assertTrue(cartridges, Pattern.compile("(?m)^\\s*" + cartridge + "\\b.*\\bdisabled\\s*$").matcher(cartridges).find());

        FtpReply reply = retrieveRefused("disabled.bin");
        assertEquals(reply.toString(), 451, reply.code());
        assertTrue(reply.toString(), reply.toString().contains("cartridge " + cartridge + " is disabled"));
        assertConsistentNearline("disabled.bin");

        tape.storeOnTape("while-disabled.bin", TestData.bytes(33, 10_000));
        assertNotEquals("a flush avoids the disabled cartridge", cartridge, tape.cartridgeOf("while-disabled.bin"));

        String cleared = tape.tapes("fail --clear", "cartridges");
        assertTrue(cleared, cleared.contains("no failures injected") && !cleared.contains("disabled"));
        assertReadsBack("disabled.bin", content);
    }

    @Test
    public void aDriveDownLeavesTheRecallToTheOtherDrive() throws IOException {
        byte[] content = TestData.bytes(34, 250_000);
        tape.storeNearline("drive.bin", content);
        tape.tape("fail", "drive-down 0");
        Await.until("drive 0 DOWN", Duration.ofSeconds(30), () -> DRIVE_0_DOWN.matcher(driveStates()).find(),
                this::driveStates);

        assertReadsBack("drive.bin", content);
        String drives = driveStates();
        assertTrue("drive 0 is still down after the recall:\n" + drives, DRIVE_0_DOWN.matcher(drives).find());
    }

    @Test
    public void aFlushWithoutLocationKeepsTheFileOnlineUntilTheFaultIsCleared() throws IOException {
        byte[] content = TestData.bytes(35, 100_000);
        storeWhileFlushesFail("no-location", "noloc.bin", content);
        String refused = tape.tapeFailing("evict", "/noloc.bin");
        assertTrue(refused, refused.contains("cannot evict"));
        clearAndAssertFlushed("noloc.bin", content);
    }

    @Test
    public void aStuckFlushIsFailedByTheWatchdogAndFlushedOnceCleared() throws IOException {
        byte[] content = TestData.bytes(36, 100_000);
        storeWhileFlushesFail("stuck-flush", "stuck.bin", content);
        assertTrue(gantry.karafLogTail(400), gantry.karafLogTail(400).contains(
                "flush of /stuck.bin failed: flush watchdog"));
        clearAndAssertFlushed("stuck.bin", content);
    }

    @Test
    public void aChecksumMismatchOnRecallFailsTheClientsGetWithItsCause() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("mismatch.src"), 37, (1L << 20) + 3);
        tape.storeNearline("mismatch.bin", Files.readAllBytes(source));
        long failedBefore = TapeDsiInstance.metricIn(tape.tapes("metrics", "fail checksum-mismatch"), "recallsFailed");

        Path copy = gantry.work().resolve("mismatch.copy");
        CommandRunner.Result get = GlobusUrlCopy.attempt(gantry.url("tape/mismatch.bin"), fileUrl(copy));
        assertNotEquals("globus-url-copy must fail:\n" + get.output(), 0, get.exitCode());
        assertTrue(get.output(), get.output().contains("451 Storage unavailable: /mismatch.bin: recall from tape failed: "
                + "checksum mismatch"));
        assertTrue("the failed recall is counted",
                TapeDsiInstance.metricIn(assertConsistentNearline("mismatch.bin"), "recallsFailed") > failedBefore);

        tape.tape("fail", "--clear");
        GlobusUrlCopy.run(gantry.url("tape/mismatch.bin"), fileUrl(copy)).assertSuccess();
        assertEquals(TestData.sha256(source), TestData.sha256(copy));
        assertEquals("250 /tape/mismatch.bin ONLINE_AND_NEARLINE", tape.stageStatus("mismatch.bin"));
    }

    @Test
    public void aLostFileIsRefusedPermanentlyByRetrAndSiteStage() throws IOException {
        byte[] content = TestData.bytes(38, 50_000);
        tape.storeNearline("lost.bin", content);
        assertTrue(tape.tape("mark", "/lost.bin lost").contains("/lost.bin LOST"));
        assertEquals("250 /tape/lost.bin LOST", tape.stageStatus("lost.bin"));

        FtpReply retr = retrieveRefused("lost.bin");
        assertEquals(retr.toString(), 550, retr.code());
        assertTrue(retr.toString(), retr.toString().contains("LOST"));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("550 /tape/lost.bin: the file is LOST (no copy on any medium).",
                    ftp.command("SITE STAGE 10 /tape/lost.bin").toString());
        }
        assertTrue(tape.tape("file", "/lost.bin").contains("recall:   -"));
        assertEquals(0, tape.metric("recallsQueued"));

        tape.tape("mark", "/lost.bin clear");
        assertReadsBack("lost.bin", content);
    }

    @Test
    public void aLostFileWithADiskCopyIsNotServedEither() throws IOException {
        tape.storeOnTape("lost-online.bin", TestData.bytes(39, 20_000));
        tape.tape("mark", "/lost-online.bin lost");
        FtpReply retr = retrieveRefused("lost-online.bin");
        assertEquals(retr.toString(), 550, retr.code());
        assertTrue(retr.toString(), retr.toString().contains("LOST"));
        tape.tape("mark", "/lost-online.bin clear");
        assertEquals("250 /tape/lost-online.bin ONLINE_AND_NEARLINE", tape.stageStatus("lost-online.bin"));
    }

    /** Injects a flush fault, stores the file and waits for its flush to fail: it stays ONLINE. */
    private static void storeWhileFlushesFail(String fault, String file, byte[] content) throws IOException {
        long failedBefore = TapeDsiInstance.metricIn(tape.tapes("metrics", "fail " + fault), "flushesFailed");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.storeOk(tape.path(file), content);
        }
        Await.until("a failed flush under " + fault, Duration.ofSeconds(30),
                () -> tape.metricQuietly("flushesFailed") > failedBefore);
        assertEquals("250 " + tape.path(file) + " ONLINE", tape.stageStatus(file));
        assertTrue(tape.tape("file", "/" + file).contains("on tape:  no"));
    }

    /** Once the fault is cleared the retried flush succeeds: the file is on tape and recalls intact. */
    private static void clearAndAssertFlushed(String file, byte[] content) throws IOException {
        tape.tape("fail", "--clear");
        tape.awaitLocality(file, "ONLINE_AND_NEARLINE");
        tape.evict(file);
        assertReadsBack(file, content);
    }

    /**
     * NEARLINE, no recall queued, and the fault's recall is not left in the library's queue.
     *
     * @return the file's facts, the queue and the metrics, as the shell printed them
     */
    private static String assertConsistentNearline(String file) throws IOException {
        assertEquals("250 " + tape.path(file) + " NEARLINE", tape.stageStatus(file));
        String state = tape.tapes("file /" + file, "queue", "metrics");
        assertTrue(state, state.startsWith("/" + file + " NEARLINE") && state.contains("recall:   -")
                && state.contains("on disk:  no") && state.contains("nothing queued"));
        return state;
    }

    /** The file reads back identical (recalled if needed) and ends ONLINE_AND_NEARLINE. */
    private static void assertReadsBack(String file, byte[] content) throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertArrayEquals(file + " reads back intact", content, ftp.retrieve(tape.path(file)));
        }
        assertEquals("250 " + tape.path(file) + " ONLINE_AND_NEARLINE", tape.stageStatus(file));
    }

    private static FtpReply retrieveRefused(String file) throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            return ftp.refusedTransfer("RETR " + tape.path(file));
        }
    }

    private String driveStates() {
        try {
            return tape.tape("drives", "");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
