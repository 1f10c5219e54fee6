package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeLibraryLifecycleTest {

    @TempDir
    Path temp;

    @Test
    void anIdleCartridgeStaysMountedForLateRequestsThenIsUnmounted() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.drives = 1;
        settings.flushBatchFiles = 2;
        settings.idleUnmountAfter = Duration.ofSeconds(3000); // 300 ms real
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        RecordingListener listener = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), temp.resolve("library"), listener, new Faults())) {
            fixture.flushAll(library, listener, fixture.files(1, 2, "a", 1000, Instant.now()));
            library.recall(fixture.recallItem(1, "alice", 0, Instant.now()));
            listener.awaitCount(3, Duration.ofSeconds(10));
            assertNotNull(library.status().drives().get(0).cartridge(), "still mounted right after the work");
            assertEquals(1, library.status().counters().mounts(), "the late recall used the flush's mount");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (library.status().drives().get(0).cartridge() != null) {
                assertTrue(System.nanoTime() < deadline, "never unmounted");
                Thread.sleep(5);
            }
            assertEquals(1, library.status().counters().unmounts());
            assertEquals(DriveState.IDLE, library.status().drives().get(0).state());
        }
        fixture.assertRecalled(1);
    }

    @Test
    void closeAbandonsRunningWorkReportsNothingAfterwardsAndMayBeRepeated() throws Exception {
        TestLibrarySettings settings = new TestLibrarySettings();
        settings.flushBatchFiles = 1;
        TapeFixture fixture = new TapeFixture(temp.resolve("cache"));
        Path dir = temp.resolve("library");
        RecordingListener setup = new RecordingListener();
        try (TapeLibrary library = new TapeLibrary(settings.build(), dir, setup, new Faults())) {
            fixture.flushAll(library, setup, List.of(fixture.file(1, "a", 1 << 20, Instant.now())));
        }
        settings.readRate = 1000; // 1 MiB takes ~100 ms real, in 4 chunks
        RecordingListener listener = new RecordingListener();
        TapeLibrary library = new TapeLibrary(settings.build(), dir, listener, new Faults());
        library.recall(fixture.recallItem(1, "alice", 0, Instant.now()));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (library.status().drives().stream().noneMatch(d -> d.state() == DriveState.READING)) {
            assertTrue(System.nanoTime() < deadline, "never reading");
            Thread.sleep(1);
        }
        library.close();
        library.close();
        Thread.sleep(300);
        assertEquals(List.of(), listener.outcomes());
        assertFalse(Files.exists(fixture.target(1)));
        try (Stream<Path> files = Files.list(fixture.target(1).getParent())) {
            assertNull(files.filter(p -> p.getFileName().toString().endsWith(".recalling")).findAny().orElse(null));
        }
    }
}
