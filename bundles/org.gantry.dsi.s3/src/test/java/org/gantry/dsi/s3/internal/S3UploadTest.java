package org.gantry.dsi.s3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads as S3 sees them (s3proxy on files, 5 MiB parts): single PUTs for small files,
 * multipart uploads from out-of-order blocks, the memory window, aborts that leave nothing.
 */
class S3UploadTest extends DsiContractSupport {

    private static final int PART = 5 << 20;
    private static final long WINDOW = 3L * PART;
    @RegisterExtension
    static final TestStores stores = new TestStores();
    private String bucket;
    private TestStores.RequestCounter requests;

    @Override
    protected Dsi createDsi() {
        bucket = stores.newBucket("upload");
        TestStores.CountedDsi counted = stores.dsi(Optional.of(bucket), PART, WINDOW);
        requests = counted.requests();
        return counted.dsi();
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((S3Dsi) dsi).close();
    }

    @Test
    void aFileOfAtMostOnePartIsASinglePutWithItsChecksumsAsMetadata() throws Exception {
        byte[] content = randomBytes(PART, 1);
        DsiWriter writer = await(session.openWrite("/one.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(content), 0));
        await(writer.commit(new CommitInfo(PART, List.of(new Checksum("ADLER32", "0a0b0c0d")))));

        assertEquals(0, requests.count("CreateMultipartUpload"));
        assertEquals(1, requests.count("PutObject"));
        assertEquals("0a0b0c0d", stores.admin.headObject(b -> b.bucket(bucket).key("one.bin")).metadata()
                .get("gantry-adler32"));
        assertArrayEquals(content, readFile("/one.bin"));
    }

    @Test
    void blocksInAnyOrderBecomePartsUploadedAsSoonAsTheyAreComplete() throws Exception {
        int size = 3 * PART + 12345;
        byte[] content = randomBytes(size, 2);
        DsiWriter writer = await(session.openWrite("/multi.bin", WriteRequest.replace()));
        List<CompletionStage<Void>> writes = new ArrayList<>();
        // Part 2 whole, in two halves, last half first: it is uploaded on its own.
        writes.add(writer.write(ByteBuffer.wrap(content, PART + PART / 2, PART / 2), PART + PART / 2));
        writes.add(writer.write(ByteBuffer.wrap(content, PART, PART / 2), PART));
        awaitAll(writes);
        awaitDurable(writer, List.of(new ByteRange(PART, 2L * PART)));

        writes.add(writer.write(ByteBuffer.wrap(content, 3 * PART, size - 3 * PART), 3 * PART));
        writes.add(writer.write(ByteBuffer.wrap(content, 0, PART), 0));
        writes.add(writer.write(ByteBuffer.wrap(content, 2 * PART, PART), 2 * PART));
        awaitAll(writes);
        awaitDurable(writer, List.of(new ByteRange(0, 3L * PART)));
        await(writer.commit(new CommitInfo(size, List.of(new Checksum("MD5", "00112233445566778899aabbccddeeff")))));

        assertEquals(1, requests.count("CreateMultipartUpload"));
        assertEquals(4, requests.count("UploadPart"), "three whole parts and the tail");
        assertArrayEquals(content, readFile("/multi.bin"));
        long read = dsi.counters().get(Dsi.BYTES_READ);
        assertEquals("00112233445566778899aabbccddeeff", await(session.checksum("/multi.bin", "MD5", 0, -1)),
                "the value recorded at commit");
        assertEquals(read, dsi.counters().get(Dsi.BYTES_READ), "answered without reading the object");
    }

    /** Blocks from eight interleaved streams, as MODE E delivers them, never need more than the window. */
    @Test
    void interleavedStreamsStayWithinTheWindow() throws Exception {
        int block = 256 * 1024;
        int size = 48 << 20;
        byte[] content = randomBytes(size, 3);
        DsiWriter writer = await(session.openWrite("/streams.bin", WriteRequest.replace()));
        List<CompletionStage<Void>> inFlight = new ArrayList<>();
        int blocks = size / block;
        for (int round = 0; round < blocks; round += 8) {
            // Each round sends the next eight blocks, the last stream's first.
            for (int stream = 7; stream >= 0; stream--) {
                int offset = (round + stream) * block;
                inFlight.add(writer.write(ByteBuffer.wrap(content, offset, block), offset));
            }
            // The core keeps at most a few writes outstanding: wait as it would.
            while (inFlight.size() > 8) {
                await(inFlight.remove(0));
            }
        }
        awaitAll(inFlight);
        await(writer.commit(new CommitInfo(size, List.of())));

        long peak = dsi.counters().get("uploadBufferPeakBytes");
        assertTrue(peak > 0 && peak <= WINDOW, "peak " + peak + " within the window of " + WINDOW);
        assertEquals(0, ((S3Dsi) dsi).uploadBuffers(), "every part's memory given back");
        assertArrayEquals(content, readFile("/streams.bin"));
    }

    /**
     * With three parts begun in memory, 1 MiB on disk and no upload that could free anything,
     * waiting could never end: the upload fails with a clear reply instead.
     */
    @Test
    void aBlockTooFarAheadOfIncompletePartsFailsTheUploadInsteadOfWaitingForever() throws Exception {
        S3Dsi tight = stores.dsi(Optional.of(bucket), PART, WINDOW, 1 << 20).dsi();
        try {
            DsiSession tightSession = await(tight.openSession(sessionContext("tight")));
            DsiWriter writer = await(tightSession.openWrite("/far.bin", WriteRequest.replace()));
            for (int part = 0; part < 3; part++) {
                await(writer.write(ByteBuffer.wrap(new byte[1000]), (long) part * PART));
            }
            await(writer.write(ByteBuffer.wrap(new byte[1 << 20]), 4L * PART));
            DsiException refused = assertFails(DsiException.class,
                    () -> writer.write(ByteBuffer.wrap(new byte[1000]), 5L * PART));
            assertTrue(refused.getMessage().contains("too far out of order"), refused.getMessage());
            assertEquals(Optional.of(451), refused.replyCode());
            await(writer.abort(refused));
            assertFails(NotFoundException.class, () -> tightSession.stat("/far.bin", true));
            assertEquals(0, tight.uploadBuffers());
        } finally {
            tight.close();
        }
    }

    /**
     * A block whose part has no room in memory waits on disk, so the blocks that complete the
     * parts in memory still get through; it comes back when a part is stored.
     */
    @Test
    void blocksAheadOfAFullWindowWaitOnDiskUntilAPartIsStored() throws Exception {
        int size = 5 * PART;
        byte[] content = randomBytes(size, 6);
        DsiWriter writer = await(session.openWrite("/aside.bin", WriteRequest.replace()));
        for (int part = 0; part < 3; part++) {
            await(writer.write(ByteBuffer.wrap(content, part * PART, 1000), part * PART));
        }
        await(writer.write(ByteBuffer.wrap(content, 4 * PART, PART), 4 * PART));
        assertEquals(PART, dsi.counters().get("spilledBytes"), "part 5 had no room in memory");
        for (int part = 0; part < 3; part++) {
            await(writer.write(ByteBuffer.wrap(content, part * PART + 1000, PART - 1000), part * PART + 1000));
        }
        await(writer.write(ByteBuffer.wrap(content, 3 * PART, PART), 3 * PART));
        await(writer.commit(new CommitInfo(size, List.of())));

        assertArrayEquals(content, readFile("/aside.bin"));
        assertTrue(dsi.counters().get("uploadBufferPeakBytes") <= WINDOW);
        assertEquals(0, ((S3Dsi) dsi).uploadBuffers());
    }

    @Test
    void anAbortedMultipartUploadLeavesNoObjectAndNoUpload() throws Exception {
        byte[] content = randomBytes(2 * PART, 4);
        DsiWriter writer = await(session.openWrite("/aborted.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(content), 0));
        awaitDurable(writer, List.of(new ByteRange(0, 2L * PART)));
        assertEquals(1, stores.admin.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());

        await(writer.abort(new RuntimeException("client gone")));

        assertTrue(stores.admin.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty());
        assertFails(NotFoundException.class, () -> session.stat("/aborted.bin", true));
        assertEquals(1, dsi.counters().get("abortedUploads"));
    }

    /** Uninstalling or reconfiguring the DSI stops it: its unfinished uploads must not stay stored. */
    @Test
    void stoppingTheDsiAbortsItsUnfinishedUploads() throws Exception {
        DsiWriter writer = await(session.openWrite("/stopped.bin", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(randomBytes(2 * PART, 5)), 0));
        awaitDurable(writer, List.of(new ByteRange(0, 2L * PART)));

        ((S3Dsi) dsi).close();

        assertTrue(stores.admin.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty());
        assertFails(DsiException.class, () -> writer.write(ByteBuffer.wrap(new byte[1]), 2L * PART));
    }

    @Test
    void aFileNeedingMoreThanTenThousandPartsIsRefusedUnlessAlloRaisesThePartSize() throws Exception {
        DsiWriter writer = await(session.openWrite("/huge.bin", WriteRequest.replace()));
        assertFails(NoSpaceException.class, () -> writer.write(ByteBuffer.wrap(new byte[1]), 10_000L * PART));
        await(writer.abort(new RuntimeException("refused")));

        long announced = 100L << 30;
        S3Upload sized = (S3Upload) await(session.openWrite("/sized.bin",
                new WriteRequest(true, announced, Optional.empty(), Optional.empty())));
        assertEquals(11L << 20, sized.partSize(), "100 GiB in 10,000 parts needs 11 MiB parts");
        await(sized.abort(new RuntimeException("test done")));
    }

    private static void awaitAll(List<CompletionStage<Void>> stages) throws DsiException {
        await(CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)));
    }

    /** Part uploads finish in the background: waits until {@code expected} is durable. */
    private static void awaitDurable(DsiWriter writer, List<ByteRange> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!writer.durableRanges().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, writer.durableRanges());
    }
}
