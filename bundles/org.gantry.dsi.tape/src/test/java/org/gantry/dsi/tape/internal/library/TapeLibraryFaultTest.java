package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;
import org.gantry.dsi.tape.internal.library.RecordingListener.Kind;
import org.gantry.dsi.tape.internal.library.RecordingListener.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeLibraryFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private Path dir;
    private TapeFixture fixture;
    private final TestLibrarySettings settings = new TestLibrarySettings();
    private final RecordingListener listener = new RecordingListener();

    /** Files 1-2 of family "a" and 3-4 of family "b" on two cartridges. */
    @BeforeEach
    void writeTwoCartridges() throws Exception {
        settings.flushBatchFiles = 2;
        dir = temp.resolve("library");
        fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener setup = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, setup, new Faults())) {
            fixture.flushAll(library, setup, fixture.files(1, 2, "a", 5000, Instant.now()));
            fixture.flushAll(library, setup, fixture.files(3, 2, "b", 5000, Instant.now()));
        }
        assertNotEquals(fixture.locations.get(1L).cartridge(), fixture.locations.get(3L).cartridge());
    }

    /** The library on the prepared directory, reporting to {@link #listener}. */
    private TapeLibrary open(Faults faults) throws Exception {
        return new TapeLibrary(settings.build(), dir, listener, faults);
    }

    private RecallItem recall(long id) {
        return fixture.recallItem(id, "alice", 0, Instant.now());
    }

    private static void assertFailed(Outcome outcome, Kind kind, String reasonPart) {
        assertEquals(kind, outcome.kind(), outcome::toString);
        assertTrue(outcome.reason().contains(reasonPart), outcome.reason());
    }

    /** No target and no temporary file left beside it. */
    private void assertNothingRecalled(long id) throws Exception {
        assertFalse(Files.exists(fixture.target(id)));
        try (Stream<Path> files = Files.list(fixture.target(id).getParent())) {
            List<String> leftovers = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".recalling")).toList();
            assertEquals(List.of(), leftovers);
        }
    }

    @Test
    void aFailedMountFailsItsRecallsClearlyAndOtherCartridgesStillWork() throws Exception {
        String broken = fixture.locations.get(1L).cartridge();
        Faults faults = new Faults();
        faults.inject(new Fault.MountFailure(broken));
        try (TapeLibrary library = open(faults)) {
            library.recall(recall(1));
            library.recall(recall(3));
            assertFailed(listener.awaitFile(1, WAIT), Kind.RECALL_FAILED, "mount of cartridge " + broken + " failed");
            assertEquals(Kind.RECALLED, listener.awaitFile(3, WAIT).kind());
            assertNothingRecalled(1);
            assertEquals(1, library.status().counters().mountFailures());
            faults.clear();
            library.recall(recall(1));
            listener.awaitCount(3, WAIT);
            fixture.assertRecalled(1);
        }
    }

    @Test
    void aMountFailureOfAnyCartridgeFailsFlushesToo() throws Exception {
        Faults faults = new Faults();
        faults.inject(Fault.parse("mount-failure *"));
        try (TapeLibrary library = open(faults)) {
            fixture.files(10, 2, "a", 100, Instant.now()).forEach(library::flush);
            assertFailed(listener.awaitFile(10, WAIT), Kind.FLUSH_FAILED, "mount of cartridge");
            assertFailed(listener.awaitFile(11, WAIT), Kind.FLUSH_FAILED, "mount of cartridge");
        }
    }

    @Test
    void aDisabledCartridgeFailsItsRecallsAndFlushesGoElsewhereAcrossRestarts() throws Exception {
        String disabled = fixture.locations.get(1L).cartridge();
        Faults faults = new Faults();
        faults.inject(new Fault.DisabledCartridge(disabled));
        try (TapeLibrary library = open(faults)) {
            library.recall(recall(1));
            assertFailed(listener.awaitFile(1, WAIT), Kind.RECALL_FAILED, "cartridge " + disabled + " is disabled");
            fixture.flushAll(library, listener, fixture.files(10, 2, "a", 100, Instant.now()));
            assertNotEquals(disabled, fixture.locations.get(10L).cartridge());
            assertTrue(library.status().cartridges().stream().anyMatch(c -> c.label().equals(disabled) && c.disabled()));
        }
        Faults afterRestart = new Faults();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, new RecordingListener(), afterRestart)) {
            assertTrue(afterRestart.isDisabled(disabled), "the disabled flag is kept in the state file");
            afterRestart.clear();
        }
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, new RecordingListener(), new Faults())) {
            assertFalse(library.faults().isDisabled(disabled), "clear() re-enabled it for good");
        }
    }

    @Test
    void aDriveDownLeavesTheWorkToTheOtherDriveAndWithAllDownWorkWaits() throws Exception {
        Faults faults = new Faults();
        faults.inject(new Fault.DriveDown(0));
        try (TapeLibrary library = open(faults)) {
            Stream.of(1L, 2L, 3L, 4L).forEach(id -> library.recall(recall(id)));
            listener.awaitCount(4, WAIT);
            for (long id = 1; id <= 4; id++) {
                fixture.assertRecalled(id);
            }
            assertEquals(DriveState.DOWN, library.status().drives().get(0).state());
            assertEquals(2, library.status().counters().mounts(), "both cartridges mounted, in drive 1");

            faults.inject(new Fault.DriveDown(1));
            Files.delete(fixture.target(1));
            Thread.sleep(100); // drive 1 unmounts and goes down
            library.recall(recall(1));
            Thread.sleep(200);
            assertEquals(4, listener.outcomes().size(), "no drive, no recall");
            assertEquals(1, library.status().recalls().size());
            faults.remove(new Fault.DriveDown(0));
            assertEquals(Kind.RECALLED, listener.awaitCount(5, WAIT).get(4).kind());
            fixture.assertRecalled(1);
        }
    }

    @Test
    void aFlushWithoutLocationFails() throws Exception {
        Faults faults = new Faults();
        faults.inject(new Fault.FlushWithoutLocation());
        try (TapeLibrary library = open(faults)) {
            fixture.files(10, 2, "a", 100, Instant.now()).forEach(library::flush);
            assertFailed(listener.awaitFile(10, WAIT), Kind.FLUSH_FAILED, "no tape location");
            assertFailed(listener.awaitFile(11, WAIT), Kind.FLUSH_FAILED, "no tape location");
            assertEquals(0, library.status().counters().filesFlushed());
        }
    }

    @Test
    void aStuckFlushIsFailedByTheWatchdogAndTheNextFlushWorks() throws Exception {
        settings.flushWatchdog = Duration.ofSeconds(2000); // 200 ms real
        Faults faults = new Faults();
        faults.inject(new Fault.StuckFlush());
        try (TapeLibrary library = open(faults)) {
            long start = System.nanoTime();
            fixture.files(10, 2, "a", 100, Instant.now()).forEach(library::flush);
            assertFailed(listener.awaitFile(10, WAIT), Kind.FLUSH_FAILED, "watchdog");
            assertTrue(System.nanoTime() - start >= 200_000_000L, "failed only after the watchdog time");
            faults.clear();
            assertEquals(Kind.FLUSHED, listener.awaitFile(11, WAIT).kind());
            TapeLocation location = listener.awaitFile(11, WAIT).location();
            fixture.locations.put(11L, location);
            assertTrue(java.util.Arrays.equals(fixture.contents.get(11L), TapeFixture.onTape(dir, location)));
        }
    }

    @Test
    void aChecksumMismatchFailsTheRecallAndLeavesNothingAtTheTarget() throws Exception {
        Faults faults = new Faults();
        faults.inject(new Fault.ChecksumMismatch());
        try (TapeLibrary library = open(faults)) {
            library.recall(recall(3));
            assertFailed(listener.awaitFile(3, WAIT), Kind.RECALL_FAILED, "checksum mismatch");
            assertNothingRecalled(3);
            assertEquals(1, library.status().counters().recallsFailed());
        }
    }

    @Test
    void aTapeCopyThatDoesNotMatchItsRecordedChecksumIsNotDelivered() throws Exception {
        try (TapeLibrary library = open(new Faults())) {
            RecallItem item = recall(1);
            library.recall(new RecallItem(1, item.location(), item.target(), "00000001", "alice", 0, item.requested()));
            assertFailed(listener.awaitFile(1, WAIT), Kind.RECALL_FAILED, "checksum mismatch");
            assertNothingRecalled(1);
        }
    }

    @Test
    void clearRemovesEveryFaultAndFaultsParseWhatTheyDescribe() {
        Faults faults = new Faults();
        List<String> forms = List.of("mount-failure T00001", "mount-failure *", "disabled T00002", "drive-down 1",
                "no-location", "stuck-flush", "checksum-mismatch");
        forms.forEach(form -> faults.inject(Fault.parse(form)));
        assertEquals(7, faults.active().size());
        for (int i = 0; i < forms.size(); i++) {
            assertTrue(faults.describe().get(i).startsWith(forms.get(i) + ": "), faults.describe().get(i));
        }
        assertTrue(faults.mountFails("T00009"));
        assertTrue(faults.isDriveDown(1));
        faults.clear();
        assertEquals(List.of(), faults.active());
        assertFalse(faults.mountFails("T00001") || faults.isDisabled("T00002") || faults.isDriveDown(1)
                || faults.flushWithoutLocation() || faults.stuckFlush() || faults.checksumMismatch());
        assertThrowsIllegal("drive-down");
        assertThrowsIllegal("drive-down x");
        assertThrowsIllegal("melt-down");
    }

    private static void assertThrowsIllegal(String text) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Fault.parse(text), text);
    }
}
