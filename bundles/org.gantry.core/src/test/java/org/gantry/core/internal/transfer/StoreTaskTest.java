package org.gantry.core.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.checksum.ChecksumSettings;
import org.gantry.core.internal.checksum.UploadChecksums;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

/** The upload engine with blocks in any order, against writers that do and do not allow that. */
class StoreTaskTest {

    private static final int BLOCK = 64 * 1024;
    private final EventExecutor loop = new DefaultEventExecutor();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        pool.shutdownNow();
    }

    @Test
    void shuffledBlocksReachAnInOrderBackEndInOrder() throws Exception {
        byte[] file = random(40 * BLOCK + 123);
        RecordingWriter writer = new RecordingWriter(true);
        long n = run(writer, false, shuffledBlocks(file), new StoreLayout(0, List.of(), file.length, true));

        assertEquals(file.length, n);
        assertArrayEquals(file, writer.content());
        assertEquals(file.length, writer.committed.size());
    }

    @Test
    void shuffledBlocksLandAtTheirOffsetsWithRandomWrites() throws Exception {
        byte[] file = random(33 * BLOCK + 7);
        RecordingWriter writer = new RecordingWriter(false);
        run(writer, true, shuffledBlocks(file), new StoreLayout(0, List.of(), -1, true));

        assertArrayEquals(file, writer.content());
    }

    @Test
    void aHoleFailsTheUploadAndAbortsIt() {
        byte[] file = random(10 * BLOCK);
        List<Block> blocks = shuffledBlocks(file);
        blocks.removeIf(b -> b.offset == 3L * BLOCK);
        RecordingWriter writer = new RecordingWriter(false);

        FtpReplyException e = failure(() -> run(writer, true, blocks, new StoreLayout(0, List.of(), -1, true)));
        assertEquals(451, e.reply().code());
        assertTrue(e.reply().text().contains(3L * BLOCK + "-" + 4L * BLOCK), e.reply().text());
        assertTrue(writer.aborted && writer.committed == null);
    }

    @Test
    void aBlockPastTheAnnouncedSizeFails() {
        byte[] file = random(4 * BLOCK);
        RecordingWriter writer = new RecordingWriter(false);
        FtpReplyException e = failure(() -> run(writer, true, shuffledBlocks(file),
                new StoreLayout(0, List.of(), 3L * BLOCK, true)));
        assertEquals(451, e.reply().code());
        assertTrue(e.reply().text().contains("ALLO"), e.reply().text());
        assertTrue(writer.aborted);
    }

    @Test
    void overlappingBlocksFail() {
        byte[] file = random(4 * BLOCK);
        List<Block> blocks = new ArrayList<>(shuffledBlocks(file));
        blocks.add(new Block(BLOCK / 2, new byte[BLOCK]));
        RecordingWriter writer = new RecordingWriter(false);
        FtpReplyException e = failure(() -> run(writer, true, blocks, new StoreLayout(0, List.of(), -1, true)));
        assertTrue(e.reply().text().contains("overlap"), e.reply().text());
    }

    @Test
    void presentRangesCompleteARestartedUploadAndShiftMovesTheData() throws Exception {
        byte[] file = random(8 * BLOCK);
        List<Block> rest = new ArrayList<>(shuffledBlocks(file));
        rest.removeIf(b -> b.offset < 3L * BLOCK);
        RecordingWriter writer = new RecordingWriter(true);
        run(writer, false, rest, new StoreLayout(1000, List.of(new ByteRange(0, 3L * BLOCK)), file.length, true));

        assertEquals(1000 + file.length, writer.committed.size());
        byte[] written = writer.content();
        for (int i = 3 * BLOCK; i < file.length; i++) {
            assertEquals(file[i], written[1000 + i]);
        }
        assertEquals(1000 + 3L * BLOCK, writer.firstWrite, "in-order writing starts after the present range");
    }

    @Test
    void shuffledBlocksAreCommittedWithTheirChecksums() throws Exception {
        byte[] file = random(40 * BLOCK + 5);
        RecordingWriter writer = new RecordingWriter(false);
        UploadChecksums sums = UploadChecksums.forUpload(new ChecksumSettings(Set.of("ADLER32", "MD5"), 8L << 20),
                true, Optional.empty(), pool);
        run(writer, true, shuffledBlocks(file), new StoreLayout(0, List.of(), -1, true), sums);

        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(file);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file));
        assertEquals(List.of(new Checksum("ADLER32", String.format("%08x", adler.getValue())), new Checksum("MD5", md5)),
                writer.committed.checksums());
    }

    @Test
    void anUploadNotMatchingItsScksValueIsAbortedWithA550() {
        byte[] file = random(10 * BLOCK);
        RecordingWriter writer = new RecordingWriter(false);
        UploadChecksums sums = UploadChecksums.forUpload(new ChecksumSettings(Set.of(), 0), true,
                Optional.of(new Checksum("CRC32", "00000000")), pool);

        FtpReplyException e = failure(() -> run(writer, true, shuffledBlocks(file),
                new StoreLayout(0, List.of(), -1, true), sums));
        assertEquals(550, e.reply().code());
        assertTrue(writer.aborted && writer.committed == null);
    }

    private long run(RecordingWriter writer, boolean randomWrites, List<Block> blocks, StoreLayout layout)
            throws Exception {
        return run(writer, randomWrites, blocks, layout, UploadChecksums.none());
    }

    private long run(RecordingWriter writer, boolean randomWrites, List<Block> blocks, StoreLayout layout,
            UploadChecksums sums) throws Exception {
        FakeIncoming in = new FakeIncoming(loop, blocks);
        StoreTask task = new StoreTask(writer, in, layout, randomWrites, false, () -> true, Duration.ofSeconds(10),
                sums);
        return task.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static FtpReplyException failure(ThrowingRunnable body) {
        try {
            body.run();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // A failure that arrives through a stage is wrapped once more.
            return (FtpReplyException) (cause instanceof CompletionException ? cause.getCause() : cause);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the upload succeeded");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<Block> shuffledBlocks(byte[] file) {
        List<Block> blocks = new ArrayList<>();
        for (int off = 0; off < file.length; off += BLOCK) {
            int len = Math.min(BLOCK, file.length - off);
            byte[] b = new byte[len];
            System.arraycopy(file, off, b, 0, len);
            blocks.add(new Block(off, b));
        }
        Collections.shuffle(blocks, new Random(42));
        return blocks;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private record Block(long offset, byte[] data) {
    }

    /** Delivers blocks a few at a time, only when asked, like a socket with auto-read off. */
    private static final class FakeIncoming implements IncomingData {
        private final EventExecutor loop;
        private final List<Block> blocks;
        private int next;
        private BlockReceiver receiver;

        FakeIncoming(EventExecutor loop, List<Block> blocks) {
            this.loop = loop;
            this.blocks = blocks;
        }

        @Override
        public EventExecutor executor() {
            return loop;
        }

        @Override
        public void start(BlockReceiver r) {
            receiver = r;
            requestMore();
        }

        @Override
        public void requestMore() {
            loop.execute(() -> {
                for (int i = 0; i < 3 && next < blocks.size(); i++) {
                    Block b = blocks.get(next++);
                    receiver.onBlock(b.offset, Unpooled.wrappedBuffer(b.data));
                }
                if (next < blocks.size()) {
                    receiver.onReadComplete();
                } else {
                    receiver.onEnd();
                }
            });
        }

        @Override
        public void abort() {
            next = blocks.size();
        }
    }

    /** Records writes; an in-order writer fails the upload on any write that is not the next one. */
    private static final class RecordingWriter implements DsiWriter {
        private final boolean requireOrder;
        private byte[] content = new byte[0];
        private long expectedNext = -1;
        long firstWrite = -1;
        CommitInfo committed;
        boolean aborted;

        RecordingWriter(boolean requireOrder) {
            this.requireOrder = requireOrder;
        }

        @Override
        public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
            if (firstWrite < 0) {
                firstWrite = position;
            }
            if (requireOrder && expectedNext >= 0 && position != expectedNext) {
                return CompletableFuture.failedFuture(new IllegalStateException("out of order at " + position));
            }
            int n = source.remaining();
            if (position + n > content.length) {
                content = java.util.Arrays.copyOf(content, (int) (position + n));
            }
            source.get(content, (int) position, n);
            expectedNext = position + n;
            return CompletableFuture.runAsync(() -> { });
        }

        @Override
        public List<ByteRange> durableRanges() {
            return List.of();
        }

        @Override
        public synchronized CompletionStage<Void> commit(CommitInfo info) {
            committed = info;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletionStage<Void> abort(Throwable cause) {
            aborted = true;
            return CompletableFuture.completedFuture(null);
        }

        synchronized byte[] content() {
            return content.clone();
        }
    }
}
