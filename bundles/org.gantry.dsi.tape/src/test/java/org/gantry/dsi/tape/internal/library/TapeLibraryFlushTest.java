package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeLibraryFlushTest {

    @TempDir
    Path temp;

    @Test
    void thousandFilesOfTwoFamiliesEachGetOneLocationOnTheirFamilysCartridges() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.cartridges = 20;
        settings.capacity = 256 * 1024;
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        List<FlushItem> batch = new ArrayList<>();
        Instant created = Instant.now().minusSeconds(10);
        for (int i = 0; i < 1000; i++) {
            batch.add(fixture.file(i, i % 2 == 0 ? "even" : "odd", 1000 + (i * 37) % 4000, created.plusMillis(i)));
        }
        Collections.shuffle(batch, new java.util.Random(3));
        RecordingListener listener = new RecordingListener();
        Path dir = temp.resolve("library");
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults())) {
            fixture.flushAll(library, listener, batch);
            Thread.sleep(50);
            assertEquals(1000, listener.outcomes().size(), "one outcome per file, no more");
            Map<String, String> familyOfCartridge = new HashMap<>();
            Map<String, TreeMap<Long, Long>> extents = new HashMap<>();
            for (FlushItem item : batch) {
                TapeLocation location = fixture.locations.get(item.fileId());
                assertEquals(item.size(), location.length());
                assertArrayEquals(fixture.contents.get(item.fileId()), TapeFixture.onTape(dir, location));
                String other = familyOfCartridge.putIfAbsent(location.cartridge(), item.family());
                assertTrue(other == null || other.equals(item.family()), "families share " + location.cartridge());
                extents.computeIfAbsent(location.cartridge(), c -> new TreeMap<>()).put(location.offset(), location.length());
            }
            extents.forEach((cartridge, byOffset) -> {
                long end = 0;
                for (Map.Entry<Long, Long> e : byOffset.entrySet()) {
                    assertTrue(e.getKey() >= end, "overlapping files on " + cartridge);
                    end = e.getKey() + e.getValue();
                }
            });
            assertTrue(familyOfCartridge.size() > 2, "the files needed several cartridges");
            for (LibraryStatus.Cartridge cartridge : library.status().cartridges()) {
                assertEquals(familyOfCartridge.get(cartridge.label()), cartridge.family());
            }
            assertEquals(1000, library.status().counters().filesFlushed());
        }
    }

    @Test
    void filesOfAFamilyGoToTapeInCreationOrder() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        List<FlushItem> batch = new ArrayList<>(fixture.files(1, 20, "f", 500, Instant.now()));
        Collections.reverse(batch);
        settings.flushBatchFiles = 20;
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), temp.resolve("library"), listener, new Faults())) {
            fixture.flushAll(library, listener, batch);
        }
        for (long id = 2; id <= 20; id++) {
            assertTrue(fixture.locations.get(id).offset() > fixture.locations.get(id - 1).offset(), "file " + id);
        }
    }

    @Test
    void aFamilyWaitsForItsBatchUnlessItsOldestFileIsOldEnough() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 5;
        settings.flushMinAge = Duration.ofSeconds(3000); // 300 ms
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), temp.resolve("library"), listener, new Faults())) {
            fixture.files(1, 4, "young", 100, Instant.now()).forEach(library::flush);
            Thread.sleep(100);
            assertEquals(List.of(), listener.outcomes(), "four young files are not a batch yet");
            assertEquals(4, library.status().flushes().size());
            fixture.files(5, 1, "young", 100, Instant.now()).forEach(library::flush);
            listener.awaitCount(5, Duration.ofSeconds(10));
            fixture.files(10, 1, "alone", 100, Instant.now()).forEach(library::flush);
            listener.awaitCount(6, Duration.ofSeconds(10)); // by age, after ~300 ms
        }
    }

    @Test
    void aRestartedLibraryKeepsFamiliesAndAppendsAfterTheOldData() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 5;
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        Path dir = temp.resolve("library");
        List<LibraryStatus.Cartridge> before;
        RecordingListener first = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, first, new Faults())) {
            fixture.flushAll(library, first, fixture.files(1, 5, "a", 3000, Instant.now()));
            fixture.flushAll(library, first, fixture.files(11, 5, "b", 3000, Instant.now()));
            before = library.status().cartridges();
        }
        RecordingListener second = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, second, new Faults())) {
            assertEquals(shape(before), shape(library.status().cartridges()), "families and append positions after a restart");
            fixture.flushAll(library, second, fixture.files(21, 5, "a", 3000, Instant.now()));
        }
        String cartridgeOfA = fixture.locations.get(1L).cartridge();
        long oldEnd = before.stream().filter(c -> c.label().equals(cartridgeOfA)).findFirst().orElseThrow().usedBytes();
        for (long id = 21; id < 26; id++) {
            assertEquals(cartridgeOfA, fixture.locations.get(id).cartridge());
            assertTrue(fixture.locations.get(id).offset() >= oldEnd, "new data after the old");
        }
        for (long id : new long[] {1, 2, 3, 4, 5, 11, 12, 13, 14, 15}) {
            assertArrayEquals(fixture.contents.get(id), TapeFixture.onTape(dir, fixture.locations.get(id)));
        }
    }

    /** Label, family and append position of each cartridge (not whether it happens to be mounted). */
    private static List<String> shape(List<LibraryStatus.Cartridge> cartridges) {
        return cartridges.stream().map(c -> c.label() + " " + c.family() + " " + c.usedBytes()).toList();
    }

    @Test
    void aCancelledQueuedFlushIsNeverReported() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 3;
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), temp.resolve("library"), listener, new Faults())) {
            List<FlushItem> files = fixture.files(1, 3, "f", 100, Instant.now());
            library.flush(files.get(0));
            library.flush(files.get(1));
            assertTrue(library.cancelFlush(1));
            assertFalse(library.cancelFlush(1), "already cancelled");
            library.flush(files.get(2));
            library.flush(fixture.file(4, "f", 100, Instant.now()));
            listener.awaitCount(3, Duration.ofSeconds(10));
            Thread.sleep(100);
            Set<Long> reported = new HashSet<>();
            listener.outcomes().forEach(o -> assertTrue(reported.add(o.fileId()), "reported twice: " + o));
            assertEquals(Set.of(2L, 3L, 4L), reported);
        }
    }

    @Test
    void aFileThatFitsNoCartridgeFailsWithLibraryFull() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.cartridges = 1;
        settings.capacity = 1000;
        settings.flushBatchFiles = 1;
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), temp.resolve("library"), listener, new Faults())) {
            fixture.flushAll(library, listener, List.of(fixture.file(1, "a", 600, Instant.now())));
            library.flush(fixture.file(2, "a", 600, Instant.now()));
            RecordingListener.Outcome full = listener.awaitFile(2, Duration.ofSeconds(10));
            assertEquals(RecordingListener.Kind.FLUSH_FAILED, full.kind());
            assertTrue(full.reason().startsWith("library full"), full.reason());
        }
    }
}
