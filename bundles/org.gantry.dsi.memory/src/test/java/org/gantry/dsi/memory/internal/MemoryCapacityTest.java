package org.gantry.dsi.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;

/** The byte budget: refused early or at once, and given back by abort, delete and replace. */
class MemoryCapacityTest extends DsiContractSupport {

    private static final int KIB = 1024;
    private static final long CAPACITY = 1024 * KIB;

    @Override
    protected Dsi createDsi() {
        return new MemoryDsi(CAPACITY);
    }

    private MemoryDsi memory() {
        return (MemoryDsi) dsi;
    }

    private static WriteRequest allocating(long bytes) {
        return new WriteRequest(true, bytes, Optional.empty(), Optional.empty());
    }

    private DsiWriter uploadStarted(String path, int bytes) throws Exception {
        DsiWriter writer = await(session.openWrite(path, WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(randomBytes(bytes, bytes)), 0));
        return writer;
    }

    @Test
    void writeBeyondCapacityFailsWithNoSpaceAtOnce() throws Exception {
        uploadStarted("/first", 600 * KIB);
        DsiWriter second = await(session.openWrite("/second", WriteRequest.replace()));

        assertFails(NoSpaceException.class, () -> second.write(ByteBuffer.wrap(new byte[600 * KIB]), 0));

        assertEquals(List.of(), second.durableRanges(), "the refused write stored nothing");
        assertEquals(CAPACITY - 600 * KIB, memory().availableBytes());
    }

    @Test
    void allocationLargerThanFreeSpaceFailsAtOpenWrite() throws Exception {
        assertFails(NoSpaceException.class, () -> session.openWrite("/big", allocating(CAPACITY + 1)));

        DsiWriter reserved = await(session.openWrite("/half", allocating(512 * KIB)));
        assertEquals(CAPACITY - 512 * KIB, memory().availableBytes(), "ALLO reserves up front");
        assertFails(NoSpaceException.class, () -> session.openWrite("/other", allocating(600 * KIB)));

        await(reserved.write(ByteBuffer.wrap(new byte[100 * KIB]), 0));
        await(reserved.commit(new CommitInfo(100 * KIB, List.of())));
        assertEquals(CAPACITY - 100 * KIB, memory().availableBytes(), "the unused reservation is returned");
    }

    @Test
    void abortReturnsTheBytes() throws Exception {
        DsiWriter first = uploadStarted("/first", 600 * KIB);

        await(first.abort(new Exception("test")));

        assertEquals(CAPACITY, memory().availableBytes());
        DsiWriter second = uploadStarted("/second", 600 * KIB);
        await(second.commit(new CommitInfo(600 * KIB, List.of())));
    }

    @Test
    void deleteReturnsTheBytes() throws Exception {
        writeFile("/first", new byte[600 * KIB]);
        DsiWriter second = await(session.openWrite("/second", WriteRequest.replace()));
        assertFails(NoSpaceException.class, () -> second.write(ByteBuffer.wrap(new byte[600 * KIB]), 0));

        await(session.delete("/first"));

        await(second.write(ByteBuffer.wrap(new byte[600 * KIB]), 0));
        await(second.commit(new CommitInfo(600 * KIB, List.of())));
        assertEquals(CAPACITY - 600 * KIB, memory().availableBytes());
    }

    @Test
    void replacingAFileReturnsTheOldBytesOnCommit() throws Exception {
        writeFile("/file", new byte[400 * KIB]);

        DsiWriter replacement = uploadStarted("/file", 300 * KIB);
        assertEquals(CAPACITY - 700 * KIB, memory().availableBytes(), "old and new coexist until commit");
        await(replacement.commit(new CommitInfo(300 * KIB, List.of())));

        assertEquals(CAPACITY - 300 * KIB, memory().availableBytes());
    }

    @Test
    void renameOntoAFileReturnsTheReplacedBytes() throws Exception {
        writeFile("/a", new byte[100 * KIB]);
        writeFile("/b", new byte[200 * KIB]);

        await(session.rename("/a", "/b"));

        assertEquals(CAPACITY - 100 * KIB, memory().availableBytes());
    }

    @Test
    void stoppingTheDsiAbortsUnfinishedUploads() throws Exception {
        uploadStarted("/file", 300 * KIB);

        memory().close();

        assertEquals(CAPACITY, memory().availableBytes());
    }
}
