package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.WriteRequest;
import org.junit.jupiter.api.Test;

/** Uploads: positional writes, durable ranges, commit visibility, abort, overwrite, append. */
public abstract class UploadContract extends ListingContract {

    private static final int BLOCK = 16 * 1024;

    /** WriteRequest that keeps existing bytes (APPE, ESTO A, restarted STOR). */
    protected static WriteRequest keepExisting() {
        return new WriteRequest(false, -1, Optional.empty(), Optional.empty());
    }

    protected static CommitInfo sized(long size) {
        return new CommitInfo(size, List.of());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Blocks arrive shuffled and overlapping in time; a DSI without random writes gets them
     * through the core's reorder stage ({@link ReorderingWriter}), strictly ascending.
     */
    @Test
    public void blocksWrittenOutOfOrderAndConcurrentlyReadBackIdentical() throws Exception {
        byte[] content = randomBytes(64 * BLOCK + 123, 5);
        List<Long> offsets = new ArrayList<>();
        for (long offset = 0; offset < content.length; offset += BLOCK) {
            offsets.add(offset);
        }
        List<Long> ascending = List.copyOf(offsets);
        Collections.shuffle(offsets, new Random(6));
        DsiWriter writer = await(session.openWrite("/shuffled.bin", WriteRequest.replace()));
        ReorderingWriter blocks = new ReorderingWriter(writer, capabilities());

        List<CompletionStage<Void>> inFlight = new ArrayList<>();
        for (long offset : offsets) {
            inFlight.add(blocks.write(block(content, offset), offset));
        }
        for (CompletionStage<Void> write : inFlight) {
            await(write);
        }
        await(writer.commit(sized(content.length)));

        if (!capabilities().randomWrites()) {
            assertEquals(ascending, blocks.offsetsWritten(), "an ordered DSI sees ascending writes");
        }
        assertEquals(content.length, await(session.stat("/shuffled.bin", true)).size());
        assertArrayEquals(content, readFile("/shuffled.bin"));
    }

    private static ByteBuffer block(byte[] content, long offset) {
        int start = (int) offset;
        return ByteBuffer.wrap(content, start, Math.min(BLOCK, content.length - start));
    }

    /**
     * The third block comes first. A DSI with random writes stores it at once and reports two
     * ranges; an ordered one gets it only after the second, so only the first block is durable.
     */
    @Test
    public void durableRangesAreSortedAndMerged() throws Exception {
        byte[] content = randomBytes(3 * BLOCK, 7);
        DsiWriter writer = await(session.openWrite("/ranges.bin", WriteRequest.replace()));
        ReorderingWriter blocks = new ReorderingWriter(writer, capabilities());

        CompletionStage<Void> third = blocks.write(block(content, 2 * BLOCK), 2 * BLOCK);
        await(blocks.write(block(content, 0), 0));
        if (!storesEachWriteAtOnce()) {
            await(third);
            assertWithin(writer.durableRanges(), List.of(new ByteRange(0, BLOCK), new ByteRange(2 * BLOCK, 3 * BLOCK)));
        } else if (capabilities().randomWrites()) {
            await(third);
            assertEquals(List.of(new ByteRange(0, BLOCK), new ByteRange(2 * BLOCK, 3 * BLOCK)),
                    writer.durableRanges());
        } else {
            assertEquals(1, blocks.waiting(), "the third block waits for the second");
            assertEquals(List.of(new ByteRange(0, BLOCK)), writer.durableRanges());
        }
        await(blocks.write(block(content, BLOCK), BLOCK));
        await(third);

        if (storesEachWriteAtOnce()) {
            assertEquals(List.of(new ByteRange(0, 3 * BLOCK)), writer.durableRanges());
        } else {
            assertWithin(writer.durableRanges(), List.of(new ByteRange(0, 3 * BLOCK)));
        }
        await(writer.abort(new Exception("test done")));
    }

    @Test
    public void uploadIsInvisibleUntilCommit() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/existing", new byte[] {1});
        Set<String> before = listNames("/dir");
        byte[] content = randomBytes(10_000, 8);

        DsiWriter writer = await(session.openWrite("/dir/new.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(content), 0));

        assertFails(NotFoundException.class, () -> session.stat("/dir/new.bin", true));
        assertEquals(before, listNames("/dir"), "nothing new, not even a temporary file, may be listed");

        await(writer.commit(sized(content.length)));

        assertEquals(content.length, await(session.stat("/dir/new.bin", true)).size());
        Set<String> after = new TreeSet<>(before);
        after.add("new.bin");
        assertEquals(after, listNames("/dir"));
    }

    @Test
    public void abortLeavesNothingBehind() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/existing", new byte[] {1});
        Set<String> before = listNames("/dir");

        DsiWriter writer = await(session.openWrite("/dir/aborted.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(randomBytes(20_000, 9)), 0));
        await(writer.abort(new Exception("client went away")));

        assertFails(NotFoundException.class, () -> session.stat("/dir/aborted.bin", false));
        assertEquals(before, listNames("/dir"));
    }

    @Test
    public void abortIsIdempotent() throws Exception {
        DsiWriter writer = await(session.openWrite("/twice.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(new byte[] {1, 2}), 0));

        await(writer.abort(new Exception("first")));
        await(writer.abort(new Exception("second")));

        assertEquals(Set.of(), listNames("/"));
    }

    /** {@code durable} is sorted, merged (no touching neighbours) and inside {@code written}. */
    private static void assertWithin(List<ByteRange> durable, List<ByteRange> written) {
        for (int i = 0; i < durable.size(); i++) {
            ByteRange r = durable.get(i);
            assertTrue(r.start() < r.end(), "empty durable range " + r);
            assertTrue(i == 0 || durable.get(i - 1).end() < r.start(), "unsorted or unmerged: " + durable);
            assertTrue(written.stream().anyMatch(w -> w.start() <= r.start() && r.end() <= w.end()),
                    r + " was never written: " + written);
        }
    }

    @Test
    public void writeAfterAbortFails() throws Exception {
        DsiWriter writer = await(session.openWrite("/late.bin", WriteRequest.replace()));
        await(writer.abort(new Exception("stop")));

        assertFails(DsiException.class, () -> writer.write(ByteBuffer.wrap(new byte[] {1}), 0));
        assertFails(NotFoundException.class, () -> session.stat("/late.bin", true));
    }

    @Test
    public void replacedFileKeepsOldContentVisibleUntilCommit() throws Exception {
        writeFile("/file.txt", ascii("old content"));

        DsiWriter writer = await(session.openWrite("/file.txt", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(ascii("new")), 0));
        assertArrayEquals(ascii("old content"), readFile("/file.txt"));

        await(writer.commit(sized(3)));
        assertArrayEquals(ascii("new"), readFile("/file.txt"));
        assertEquals(3, await(session.stat("/file.txt", true)).size());
    }

    @Test
    public void abortedReplacementKeepsOldContent() throws Exception {
        writeFile("/file.txt", ascii("keep me"));

        DsiWriter writer = await(session.openWrite("/file.txt", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(ascii("discard")), 0));
        await(writer.abort(new Exception("aborted")));

        assertArrayEquals(ascii("keep me"), readFile("/file.txt"));
        assertEquals(Set.of("file.txt"), listNames("/"));
    }

    /**
     * With {@code append} a write without truncation keeps the existing bytes; without it the
     * DSI must refuse such an upload with {@link NotSupportedException}.
     */
    @Test
    public void writeWithoutTruncateAppendsAfterExistingBytes() throws Exception {
        writeFile("/log.txt", ascii("hello "));

        if (!capabilities().append()) {
            assertFails(NotSupportedException.class,
                    () -> session.openWrite("/log.txt", keepExisting()));
            return;
        }
        DsiWriter writer = await(session.openWrite("/log.txt", keepExisting()));
        await(writer.write(ByteBuffer.wrap(ascii("world")), 6));
        assertArrayEquals(ascii("hello "), readFile("/log.txt"), "not visible before commit");
        await(writer.commit(sized(11)));

        assertArrayEquals(ascii("hello world"), readFile("/log.txt"));
    }

    @Test
    public void writeWithoutTruncateOverwritesOnlyTheWrittenBytes() throws Exception {
        writeFile("/word.txt", ascii("hello world"));

        if (!capabilities().append()) {
            assertFails(NotSupportedException.class,
                    () -> session.openWrite("/word.txt", keepExisting()));
            return;
        }
        DsiWriter writer = await(session.openWrite("/word.txt", keepExisting()));
        await(writer.write(ByteBuffer.wrap(ascii("J")), 0));
        await(writer.commit(sized(11)));

        assertArrayEquals(ascii("Jello world"), readFile("/word.txt"));
    }

    @Test
    public void commitAppliesRequestedModificationTime() throws Exception {
        Instant modified = Instant.parse("2010-06-07T08:09:10Z");
        WriteRequest request = new WriteRequest(true, -1, Optional.empty(), Optional.of(modified));

        DsiWriter writer = await(session.openWrite("/dated.bin", request));
        await(writer.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0));
        await(writer.commit(sized(3)));

        Instant actual = await(session.stat("/dated.bin", true)).modified();
        if (capabilities().modificationTimes()) {
            assertEquals(modified, actual);
        } else {
            assertTrue(actual.isAfter(modified), "a DSI without settable times records the commit time");
        }
    }

    @Test
    public void emptyUploadCreatesEmptyFile() throws Exception {
        DsiWriter writer = await(session.openWrite("/empty.bin", WriteRequest.replace()));
        await(writer.commit(sized(0)));

        assertEquals(0, await(session.stat("/empty.bin", true)).size());
        assertArrayEquals(new byte[0], readFile("/empty.bin"));
    }

    @Test
    public void openWriteInMissingDirectoryFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.openWrite("/missing/file.bin", WriteRequest.replace()));
    }

    @Test
    public void openWriteOnDirectoryFailsWithIsDirectory() throws Exception {
        await(session.mkdir("/dir"));

        assertFails(IsDirectoryException.class, () -> session.openWrite("/dir", WriteRequest.replace()));
    }
}
