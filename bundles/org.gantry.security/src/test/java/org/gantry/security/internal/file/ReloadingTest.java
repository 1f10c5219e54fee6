package org.gantry.security.internal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTest {

    @TempDir
    Path dir;

    private final AtomicInteger loads = new AtomicInteger();

    private String readAll(Path path) {
        loads.incrementAndGet();
        try {
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    return String.join(",", files.map(p -> p.getFileName().toString()).sorted().toList());
                }
            }
            return Files.readString(path);
        } catch (IOException e) {
            return "missing";
        }
    }

    @Test
    void aFileIsReadOnceAndAgainOnlyAfterItChanged() throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "one");
        Reloading<String> reloading = new Reloading<>(file, this::readAll);
        assertEquals("one", reloading.get());
        assertEquals("one", reloading.get());
        assertEquals(1, loads.get());

        Files.writeString(file, "two"); // same size: the modification time must tell
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("two", reloading.get());
        assertEquals(2, loads.get());
    }

    @Test
    void aDirectoryIsReadAgainWhenAFileIsAddedOrRewrittenInPlace() throws IOException {
        Files.writeString(dir.resolve("a.0"), "x");
        Reloading<String> reloading = new Reloading<>(dir, this::readAll);
        assertEquals("a.0", reloading.get());
        Files.writeString(dir.resolve("b.r0"), "y");
        assertEquals("a.0,b.r0", reloading.get());
        assertEquals(2, loads.get());

        FileTime dirTime = Files.getLastModifiedTime(dir);
        Files.writeString(dir.resolve("b.r0"), "longer content");
        Files.setLastModifiedTime(dir, dirTime);
        reloading.get();
        assertEquals(3, loads.get(), "a rewrite that leaves the directory's own time alone is still seen");
    }

    @Test
    void aMissingFileIsReportedByTheLoaderAndPickedUpWhenItAppears() throws IOException {
        Path file = dir.resolve("later");
        Reloading<String> reloading = new Reloading<>(file, this::readAll);
        assertEquals("missing", reloading.get());
        Files.writeString(file, "now");
        assertEquals("now", reloading.get());
    }
}
