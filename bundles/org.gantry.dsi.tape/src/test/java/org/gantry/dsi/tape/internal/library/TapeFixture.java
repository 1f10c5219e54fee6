package org.gantry.dsi.tape.internal.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Adler32;

/** Source files with random bytes, the flush items for them, and checks of what is on tape. */
final class TapeFixture {

    private final Path cache;
    private final Random random = new Random(7);
    final Map<Long, byte[]> contents = new HashMap<>();
    final Map<Long, FlushItem> items = new HashMap<>();
    final Map<Long, TapeLocation> locations = new HashMap<>();

    TapeFixture(Path cache) throws IOException {
        this.cache = Files.createDirectories(cache);
    }

    FlushItem file(long id, String family, int size, Instant created) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        Path source = cache.resolve("f" + id);
        Files.write(source, data);
        contents.put(id, data);
        FlushItem item = new FlushItem(id, family, source, size, created, adler32(data));
        items.put(id, item);
        return item;
    }

    static String adler32(byte[] data) {
        Adler32 sum = new Adler32();
        sum.update(data);
        return String.format("%08x", sum.getValue());
    }

    /** Flushes the items and waits until all are on tape, recording their locations. */
    void flushAll(TapeLibrary library, RecordingListener listener, List<FlushItem> batch) throws InterruptedException {
        int before = listener.outcomes().size();
        batch.forEach(library::flush);
        List<RecordingListener.Outcome> all = listener.awaitCount(before + batch.size(), Duration.ofSeconds(30));
        for (RecordingListener.Outcome o : all.subList(before, all.size())) {
            assertEquals(RecordingListener.Kind.FLUSHED, o.kind(), () -> "flush failed: " + o);
            locations.put(o.fileId(), o.location());
        }
    }

    RecallItem recallItem(long id, String requester, int priority, Instant requested) {
        return new RecallItem(id, locations.get(id), target(id), items.get(id).adler32(), requester, priority, requested);
    }

    Path target(long id) {
        return cache.resolve("recalled-" + id);
    }

    void assertRecalled(long id) throws IOException {
        assertArrayEquals(contents.get(id), Files.readAllBytes(target(id)), "recalled bytes of file " + id);
    }

    /** The bytes at a location in the cartridge's backing file. */
    static byte[] onTape(Path libraryDir, TapeLocation location) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(libraryDir.resolve(location.cartridge() + ".tape").toFile(), "r")) {
            byte[] data = new byte[(int) location.length()];
            file.seek(location.offset());
            file.readFully(data);
            return data;
        }
    }

    List<FlushItem> files(long firstId, int count, String family, int size, Instant created) throws IOException {
        List<FlushItem> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(file(firstId + i, family, size, created.plusMillis(i)));
        }
        return result;
    }
}
