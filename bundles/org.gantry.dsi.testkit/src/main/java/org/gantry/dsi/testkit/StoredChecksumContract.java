package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.ChecksumMismatchException;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.WriteRequest;
import org.junit.jupiter.api.Test;

/**
 * Checksums stored with files: the values the core hands over at commit answer a whole-file
 * CKSM without reading the data, a value computed over the whole file is kept, nothing stored
 * outlives the content it describes, and an upload that does not match its SCKS value fails
 * and leaves nothing. Where the DSI counts the bytes it reads ({@link Dsi#BYTES_READ}) the tests
 * also prove that nothing was read.
 *
 * <p>Some tests commit a deliberately wrong value: only a DSI that read the data could tell,
 * and a DSI must trust what the core computed instead of reading the file again.
 */
public abstract class StoredChecksumContract extends ChecksumContract {

    private static final int SIZE = 700_001;
    /** Not the ADLER32 of any content used here. */
    private static final String STORED_ADLER32 = "0badf00d";

    /** Uploads {@code content} and commits it with {@code checksums} as computed by the core. */
    private void upload(String path, byte[] content, WriteRequest request, List<Checksum> checksums)
            throws Exception {
        DsiWriter writer = await(session.openWrite(path, request));
        await(writer.write(ByteBuffer.wrap(content), 0));
        await(writer.commit(new CommitInfo(content.length, checksums)));
    }

    private static List<Checksum> storedAdler32() {
        return List.of(new Checksum("ADLER32", STORED_ADLER32));
    }

    private static WriteRequest expecting(String algorithm, String value) {
        return new WriteRequest(true, -1, Optional.of(new Checksum(algorithm, value)), Optional.empty());
    }

    /** The DSI's read counter, if it keeps one. */
    private OptionalLong bytesRead() {
        Long n = dsi.counters().get(Dsi.BYTES_READ);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    private void assertReadSince(OptionalLong before, long expected, String what) {
        OptionalLong after = bytesRead();
        if (before.isPresent()) {
            assertEquals(expected, after.getAsLong() - before.getAsLong(), "bytes read " + what);
        } else {
            assertTrue(after.isEmpty(), "a read counter appeared from nowhere");
        }
    }

    @Test
    public void wholeFileChecksumIsTheValueStoredAtCommitAndReadsNothing() throws Exception {
        upload("/stored.bin", randomBytes(SIZE, 40), WriteRequest.replace(), storedAdler32());
        OptionalLong before = bytesRead();

        assertEquals(STORED_ADLER32, await(session.checksum("/stored.bin", "ADLER32", 0, -1)));
        assertEquals(STORED_ADLER32, await(session.checksum("/stored.bin", "adler32", 0, SIZE)),
                "an explicit length of the whole file is the whole file");
        assertReadSince(before, 0, "answering from the stored value");
    }

    @Test
    public void partialRangesAndOtherAlgorithmsAreComputed() throws Exception {
        byte[] content = randomBytes(SIZE, 41);
        upload("/stored.bin", content, WriteRequest.replace(), storedAdler32());

        assertEquals(expected("ADLER32", content, 0, SIZE - 1),
                await(session.checksum("/stored.bin", "ADLER32", 0, SIZE - 1)));
        assertEquals(expected("ADLER32", content, 1, SIZE - 1),
                await(session.checksum("/stored.bin", "ADLER32", 1, -1)));
        assertEquals(expected("MD5", content, 0, SIZE), await(session.checksum("/stored.bin", "MD5", 0, -1)));
    }

    @Test
    public void aValueComputedOverTheWholeFileIsStored() throws Exception {
        byte[] content = randomBytes(SIZE, 42);
        writeFile("/plain.bin", content);
        String sha256 = expected("SHA256", content, 0, SIZE);

        OptionalLong before = bytesRead();
        assertEquals(sha256, await(session.checksum("/plain.bin", "SHA256", 0, -1)));
        assertReadSince(before, SIZE, "computing SHA256 once");

        before = bytesRead();
        assertEquals(sha256, await(session.checksum("/plain.bin", "SHA256", 0, -1)));
        assertReadSince(before, 0, "the second time");
        for (Checksum reported : await(session.stat("/plain.bin", true)).checksums()) {
            if (reported.algorithm().equals("SHA256")) {
                assertEquals(sha256, reported.value(), "the value the DSI reports with the file");
            }
        }
    }

    @Test
    public void aPartialRangeIsNotStoredAsTheWholeFile() throws Exception {
        byte[] content = randomBytes(SIZE, 43);
        writeFile("/plain.bin", content);

        await(session.checksum("/plain.bin", "MD5", 0, 1000));
        assertEquals(expected("MD5", content, 0, SIZE), await(session.checksum("/plain.bin", "MD5", 0, -1)));
    }

    @Test
    public void aNewUploadWithoutChecksumsDropsTheStoredOnes() throws Exception {
        upload("/replaced.bin", randomBytes(SIZE, 44), WriteRequest.replace(), storedAdler32());
        byte[] replacement = randomBytes(SIZE, 45);
        writeFile("/replaced.bin", replacement);

        assertEquals(expected("ADLER32", replacement, 0, SIZE), await(session.checksum("/replaced.bin", "ADLER32", 0, -1)));
    }

    @Test
    public void anAppendDropsTheStoredChecksumOfTheOldContent() throws Exception {
        byte[] first = randomBytes(SIZE, 46);
        upload("/appended.bin", first, WriteRequest.replace(), storedAdler32());
        if (!capabilities().append()) {
            assertEquals(STORED_ADLER32, await(session.checksum("/appended.bin", "ADLER32", 0, -1)));
            return;
        }
        byte[] more = randomBytes(1000, 47);
        DsiWriter writer = await(session.openWrite("/appended.bin", UploadContract.keepExisting()));
        await(writer.write(ByteBuffer.wrap(more), SIZE));
        await(writer.commit(new CommitInfo(SIZE + more.length, List.of())));

        byte[] whole = new byte[SIZE + more.length];
        System.arraycopy(first, 0, whole, 0, SIZE);
        System.arraycopy(more, 0, whole, SIZE, more.length);
        assertEquals(expected("ADLER32", whole, 0, whole.length),
                await(session.checksum("/appended.bin", "ADLER32", 0, -1)));
    }

    @Test
    public void aRenamedFileKeepsItsChecksumAndAFileNewAtTheOldNameHasNone() throws Exception {
        upload("/before.bin", randomBytes(SIZE, 48), WriteRequest.replace(), storedAdler32());
        await(session.mkdir("/moved"));
        await(session.rename("/before.bin", "/moved/after.bin"));
        byte[] newcomer = randomBytes(1234, 49);
        writeFile("/before.bin", newcomer);

        assertEquals(STORED_ADLER32, await(session.checksum("/moved/after.bin", "ADLER32", 0, -1)));
        assertEquals(expected("ADLER32", newcomer, 0, newcomer.length),
                await(session.checksum("/before.bin", "ADLER32", 0, -1)));
    }

    @Test
    public void aDeletedFileTakesItsChecksumAlong() throws Exception {
        upload("/gone.bin", randomBytes(SIZE, 50), WriteRequest.replace(), storedAdler32());
        await(session.delete("/gone.bin"));
        byte[] newcomer = randomBytes(SIZE, 51);
        writeFile("/gone.bin", newcomer);

        assertEquals(expected("ADLER32", newcomer, 0, SIZE), await(session.checksum("/gone.bin", "ADLER32", 0, -1)));
        assertEquals(List.of("gone.bin"), new ArrayList<>(listNames("/")), "nothing else is listed");
    }

    @Test
    public void anUploadNotMatchingItsExpectedChecksumFailsAndLeavesNothing() throws Exception {
        byte[] content = randomBytes(SIZE, 52);
        String wrong = expected("ADLER32", randomBytes(SIZE, 53), 0, SIZE);

        DsiWriter writer = await(session.openWrite("/mismatch.bin", expecting("ADLER32", wrong)));
        await(writer.write(ByteBuffer.wrap(content), 0));
        assertFails(ChecksumMismatchException.class, () -> writer.commit(new CommitInfo(SIZE, List.of())));

        assertFails(NotFoundException.class, () -> session.stat("/mismatch.bin", false));
        assertTrue(listNames("/").isEmpty(), "nothing may be left: " + listNames("/"));
    }

    @Test
    public void aMismatchKeepsTheOldFile() throws Exception {
        byte[] old = randomBytes(1000, 54);
        writeFile("/kept.bin", old);

        DsiWriter writer = await(session.openWrite("/kept.bin", expecting("MD5", expected("MD5", old, 0, 1000))));
        await(writer.write(ByteBuffer.wrap(randomBytes(SIZE, 55)), 0));
        assertFails(ChecksumMismatchException.class, () -> writer.commit(new CommitInfo(SIZE, List.of())));

        assertEquals(expected("MD5", old, 0, 1000), await(session.checksum("/kept.bin", "MD5", 0, -1)));
        assertEquals(List.of("kept.bin"), new ArrayList<>(listNames("/")));
    }

    /** The core computed the value: it is compared as given, without reading the data. */
    @Test
    public void theExpectedChecksumIsComparedWithTheCoresValueWithoutReading() throws Exception {
        byte[] content = randomBytes(SIZE, 56);
        String real = expected("ADLER32", content, 0, SIZE);
        OptionalLong before = bytesRead();

        DsiWriter refused = await(session.openWrite("/core.bin", expecting("ADLER32", real)));
        await(refused.write(ByteBuffer.wrap(content), 0));
        assertFails(ChecksumMismatchException.class,
                () -> refused.commit(new CommitInfo(SIZE, storedAdler32())));

        upload("/core.bin", content, expecting("ADLER32", STORED_ADLER32), storedAdler32());
        assertReadSince(before, 0, "checking the core's values");
        assertEquals(STORED_ADLER32, await(session.checksum("/core.bin", "ADLER32", 0, -1)));
    }

    /** Without the core's value the DSI checks the data itself, and keeps what it computed. */
    @Test
    public void aMatchingExpectedChecksumIsStored() throws Exception {
        byte[] content = randomBytes(SIZE, 57);
        String md5 = expected("MD5", content, 0, SIZE);
        upload("/checked.bin", content, expecting("MD5", md5), List.of());

        OptionalLong before = bytesRead();
        assertEquals(md5, await(session.checksum("/checked.bin", "MD5", 0, -1)));
        assertReadSince(before, 0, "after the commit checked MD5");
    }

    @Test
    public void progressNeverExceedsTheRange() throws Exception {
        writeFile("/progress.bin", randomBytes(SIZE, 58));
        List<Long> reported = new ArrayList<>();

        String value = await(session.checksum("/progress.bin", "CRC32", 100, 500_000, n -> {
            synchronized (reported) {
                reported.add(n);
            }
        }));

        assertNotEquals("", value);
        synchronized (reported) {
            for (int i = 0; i < reported.size(); i++) {
                assertTrue(reported.get(i) >= 0 && reported.get(i) <= 500_000, "progress " + reported.get(i));
                assertTrue(i == 0 || reported.get(i) >= reported.get(i - 1), "progress goes back: " + reported);
            }
        }
    }
}
