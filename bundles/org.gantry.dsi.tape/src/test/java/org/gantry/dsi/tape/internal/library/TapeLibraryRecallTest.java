package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeLibraryRecallTest {

    @TempDir
    Path temp;

    private Path dir;
    private TapeFixture fixture;

    /** Puts {@code files} files per family on tape, one family per cartridge, with a library of its own. */
    private void writeFamilies(TestLibrarySettings settings, int files, String... families) throws Exception {
        dir = temp.resolve("library");
        fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            long id = 1;
            for (String family : families) {
                fixture.flushAll(library, listener, fixture.files(id, files, family, 4096, Instant.now()));
                id += files;
            }
        }
    }

    private List<Long> recalledOrder(RecordingListener listener) {
        List<Long> order = new ArrayList<>();
        for (RecordingListener.Outcome o : listener.outcomes()) {
            assertEquals(RecordingListener.Kind.RECALLED, o.kind(), () -> "recall failed: " + o);
            order.add(o.fileId());
        }
        return order;
    }

    private void awaitDrive(TapeLibrary library, int drive, DriveState state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (library.status().drives().get(drive).state() != state) {
            assertTrue(System.nanoTime() < deadline, "drive " + drive + " never " + state);
            Thread.sleep(1);
        }
    }

    @Test
    void aBurstOf200RecallsOverFiveCartridgesNeedsFiveMountsAndReadsInTapeOrder() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.capacity = 40 * 4096;
        settings.flushBatchFiles = 40;
        writeFamilies(settings, 40, "a", "b", "c", "d", "e");
        settings.drives = 2;
        settings.recallMinAge = Duration.ofSeconds(3000); // 300 ms real, longer than the burst
        List<Long> ids = new ArrayList<>(fixture.locations.keySet());
        assertEquals(200, ids.size());
        assertEquals(5, ids.stream().map(id -> fixture.locations.get(id).cartridge()).distinct().count());
        Collections.shuffle(ids, new Random(11));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            Instant burst = Instant.now();
            for (long id : ids) {
                library.recall(fixture.recallItem(id, "alice", 0, burst));
            }
            listener.awaitCount(200, Duration.ofSeconds(30));
            assertTrue(library.status().counters().mounts() <= 5, "mounts: " + library.status().counters());
            assertEquals(200, library.status().counters().filesRecalled());
        }
        Map<String, Long> lastOffset = new HashMap<>();
        for (long id : recalledOrder(listener)) {
            fixture.assertRecalled(id);
            TapeLocation location = fixture.locations.get(id);
            Long previous = lastOffset.put(location.cartridge(), location.offset());
            assertTrue(previous == null || previous < location.offset(), "tape order on " + location.cartridge());
        }
    }

    @Test
    void requestsJoiningAMountedCartridgeDoNotStarveAnotherCartridge() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 25;
        writeFamilies(settings, 25, "popular", "rare");
        settings.drives = 1;
        settings.recallSameTapeLimit = 3;
        settings.mountTime = Duration.ofSeconds(2000); // 200 ms real: the stream arrives while mounting
        long rare = 26;
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            library.recall(fixture.recallItem(1, "alice", 0, Instant.now()));
            awaitDrive(library, 0, DriveState.MOUNTING);
            library.recall(fixture.recallItem(rare, "bob", 0, Instant.now()));
            for (long id = 2; id <= 25; id++) {
                library.recall(fixture.recallItem(id, "alice", 0, Instant.now()));
            }
            listener.awaitCount(26, Duration.ofSeconds(30));
        }
        List<Long> order = recalledOrder(listener);
        assertEquals(List.of(1L, 2L, 3L, 4L, rare), order.subList(0, 5), "the rare cartridge after at most 3 joiners");
    }

    @Test
    void aHighPriorityRequestGoesBeforeOlderLowPriorityOnes() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 1;
        writeFamilies(settings, 1, "x", "y", "z");
        settings.drives = 1;
        settings.mountTime = Duration.ofSeconds(2000);
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            library.recall(fixture.recallItem(3, "carol", 0, Instant.now()));
            awaitDrive(library, 0, DriveState.MOUNTING);
            library.recall(fixture.recallItem(1, "alice", 0, Instant.now().minusSeconds(3600)));
            library.recall(fixture.recallItem(2, "bob", 5, Instant.now()));
            listener.awaitCount(3, Duration.ofSeconds(30));
        }
        assertEquals(List.of(3L, 2L, 1L), recalledOrder(listener));
    }

    @Test
    void requestsForOneFileMergeIntoOneRecall() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 2;
        writeFamilies(settings, 2, "m");
        settings.recallMinAge = Duration.ofSeconds(2000);
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            Instant now = Instant.now();
            library.recall(fixture.recallItem(1, "alice", 0, now));
            library.recall(fixture.recallItem(1, "bob", 7, now.plusSeconds(1)));
            library.recall(fixture.recallItem(2, "alice", 0, now));
            List<LibraryStatus.QueuedRecall> queued = library.status().recalls();
            assertEquals(2, queued.size());
            LibraryStatus.QueuedRecall merged = queued.stream().filter(q -> q.fileId() == 1).findFirst().orElseThrow();
            assertEquals(7, merged.priority());
            assertEquals("bob", merged.requester());
            assertTrue(library.cancelRecall(2));
            assertFalse(library.cancelRecall(2));
            listener.awaitCount(1, Duration.ofSeconds(10));
            Thread.sleep(100);
            assertEquals(List.of(1L), recalledOrder(listener));
            assertFalse(Files.exists(fixture.target(2)));
        }
        fixture.assertRecalled(1);
    }
}
