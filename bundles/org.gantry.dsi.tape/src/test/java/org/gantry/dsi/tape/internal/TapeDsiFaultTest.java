package org.gantry.dsi.tape.internal;

import static org.gantry.dsi.tape.internal.TapeSteps.session;
import static org.gantry.dsi.tape.internal.TapeSteps.onTape;
import static org.gantry.dsi.tape.internal.TapeSteps.awaitTrue;
import static org.gantry.dsi.tape.internal.TapeSteps.await;
import static org.gantry.dsi.tape.internal.TapeSteps.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SiteReply;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.gantry.dsi.tape.internal.library.Fault;
import org.gantry.dsi.tape.internal.library.LibrarySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every injected failure, seen through the DSI: the session gets a failure that names the cause,
 * and the catalogue stays consistent (no half-recalled copy, no pending recall left, the file
 * readable or flushed once the fault is cleared).
 */
class TapeDsiFaultTest {

    @TempDir
    Path base;

    private TapeDsi dsi;
    private DsiSession session;

    @AfterEach
    void close() {
        if (dsi != null) {
            dsi.close();
        }
    }

    @Test
    void aChecksumMismatchOnRecallFailsTheReadAndLeavesTheFileNearline() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        byte[] content = nearlineFile("/c.bin", 1);
        dsi.library().faults().inject(new Fault.ChecksumMismatch());
        assertRecallFails("/c.bin", "checksum mismatch");
        dsi.library().faults().clear();
        assertArrayEquals(content, read("/c.bin"));
    }

    @Test
    void aMountFailureFailsTheReadAndTheNextRecallWorks() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        byte[] content = nearlineFile("/m.bin", 2);
        // The flush's cartridge stays mounted a while for late work; the recall must mount it.
        awaitTrue("the flush's cartridge unmounted",
                () -> dsi.library().status().drives().stream().allMatch(d -> d.cartridge() == null));
        dsi.library().faults().inject(new Fault.MountFailure(Fault.ANY_CARTRIDGE));
        assertRecallFails("/m.bin", "mount");
        dsi.library().faults().clear();
        assertArrayEquals(content, read("/m.bin"));
    }

    @Test
    void aDisabledCartridgeFailsItsRecallsByName() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        byte[] content = nearlineFile("/d.bin", 3);
        String cartridge = dsi.catalogue().lookup("/d.bin").tape().orElseThrow().cartridge();
        dsi.library().faults().inject(new Fault.DisabledCartridge(cartridge));
        assertRecallFails("/d.bin", cartridge);
        dsi.library().faults().clear();
        assertArrayEquals(content, read("/d.bin"));
    }

    @Test
    void aDriveDownLeavesTheOtherDriveToDoTheWork() throws Exception {
        open(TestTapes.fastLibrary(2, 2));
        byte[] content = nearlineFile("/dd.bin", 4);
        dsi.library().faults().inject(new Fault.DriveDown(0));
        assertArrayEquals(content, read("/dd.bin"));
    }

    @Test
    void aFlushWithoutLocationKeepsTheFileOnlineUntilTheFaultIsCleared() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        dsi.library().faults().inject(new Fault.FlushWithoutLocation());
        write("/n.bin", 5);
        awaitTrue("a failed flush", () -> dsi.library().status().counters().flushesFailed() > 0);
        assertEquals(Locality.ONLINE, dsi.catalogue().lookup("/n.bin").locality(), "no location, no tape copy");
        dsi.library().faults().clear();
        awaitTrue("the retried flush", () -> onTape(dsi, "/n.bin"));
    }

    @Test
    void aStuckFlushIsFailedByTheWatchdogAndRetried() throws Exception {
        // Watchdog at 2,000 simulated seconds: 0.2 s of real time.
        LibrarySettings settings = TestTapes.fastLibrary(1, 2);
        open(new LibrarySettings(1, 2, settings.cartridgeCapacity(), settings.timeScale(), settings.mountTime(),
                settings.fullSeekTime(), settings.readRate(), settings.writeRate(), settings.unmountTime(),
                settings.idleUnmountAfter(), settings.flushMinAge(), settings.flushBatchBytes(),
                settings.flushBatchFiles(), settings.recallMinAge(), settings.recallSameTapeLimit(),
                Duration.ofSeconds(2000)));
        dsi.library().faults().inject(new Fault.StuckFlush());
        write("/st.bin", 6);
        awaitTrue("the watchdog", () -> dsi.library().status().counters().flushesFailed() > 0);
        assertEquals(Locality.ONLINE, dsi.catalogue().lookup("/st.bin").locality());
        dsi.library().faults().clear();
        awaitTrue("the retried flush", () -> onTape(dsi, "/st.bin"));
    }

    @Test
    void aLostFileIsRefusedPermanentlyAndStartsNoRecall() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        nearlineFile("/l.bin", 7);
        dsi.catalogue().setFlags("/l.bin", true, false);
        Throwable refused = failure(session.openRead("/l.bin", ReadRequest.whole()));
        assertEquals(Optional.of(550), ((DsiException) refused).replyCode(), "LOST is permanent");
        assertTrue(refused.getMessage().contains("LOST"), refused.getMessage());
        SiteReply stage = new StageCommand(((StageCommand) dsi.siteCommands().get(0)).store())
                .execute(session, "0 /l.bin", p -> p).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(550, stage.code(), stage.text());
        assertTrue(dsi.catalogue().pendingRecalls().isEmpty());
    }

    @Test
    void anUnavailableFileIsRefusedTransientlyUntilTheMarkIsCleared() throws Exception {
        open(TestTapes.fastLibrary(1, 2));
        byte[] content = write("/u.bin", 8);
        dsi.catalogue().setFlags("/u.bin", false, true);
        assertEquals(Locality.UNAVAILABLE, await(session.locality("/u.bin")));
        Throwable refused = failure(session.openRead("/u.bin", ReadRequest.whole()));
        assertTrue(refused.getMessage().contains("UNAVAILABLE"), refused.getMessage());
        assertFalse(((DsiException) refused).replyCode().filter(code -> code >= 500).isPresent(),
                "unavailable is transient, not a 5xx: " + refused);
        assertTrue(dsi.catalogue().pendingRecalls().isEmpty());
        dsi.catalogue().setFlags("/u.bin", false, false);
        assertArrayEquals(content, read("/u.bin"), "the disk copy is served again");
    }

    // ---- helpers

    private void open(LibrarySettings library) throws Exception {
        dsi = TestTapes.open(base, library, TestTapes.policy(true));
        session = session(dsi, "alice");
    }

    /** Reads fail with the cause named; the catalogue keeps the file NEARLINE with nothing pending. */
    private void assertRecallFails(String path, String cause) throws Exception {
        Throwable failed = failure(session.openRead(path, ReadRequest.whole()));
        assertInstanceOf(StorageUnavailableException.class, failed);
        assertTrue(failed.getMessage().contains(cause), failed.getMessage());
        CatalogueEntry e = dsi.catalogue().lookup(path);
        assertEquals(Locality.NEARLINE, e.locality());
        assertTrue(dsi.catalogue().pendingRecalls().isEmpty(), "no recall may stay pending");
        assertFalse(Files.exists(dsi.cache().fileOf(e.id())), "no copy may be left on the disk cache");
    }

    private byte[] nearlineFile(String path, long seed) throws Exception {
        byte[] content = write(path, seed);
        awaitTrue(path + " on tape", () -> onTape(dsi, path));
        dsi.cache().evict(dsi.catalogue().lookup(path).id());
        return content;
    }

    private byte[] write(String path, long seed) throws Exception {
        return TapeSteps.write(session, path, 70_000, seed);
    }

    private byte[] read(String path) throws Exception {
        return TapeSteps.read(session, path);
    }
}
