package org.gantry.core.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.data.OutgoingData;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

/** How a retrieve sends a local file: sendfile to remote receivers, copies to loopback ones. */
class RetrieveTaskTest {

    private final EventExecutor loop = new DefaultEventExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aRemoteReceiverGetsTheFileWithSendfile() throws Exception {
        byte[] content = random(3 * RetrieveTask.FILE_CHUNK + 5);
        RecordingOut out = run(content, true, false, List.of(new ByteRange(0, ByteRange.TO_END)));
        assertArrayEquals(content, out.bytes());
        assertEquals(4, out.fileBlocks);
        assertEquals(0, out.copiedBlocks);
    }

    @Test
    void aLoopbackReceiverGetsCopiesReadOnTheLoop() throws Exception {
        byte[] content = random(5 * RetrieveTask.CHUNK + 9);
        RecordingOut out = run(content, true, true, List.of(new ByteRange(0, ByteRange.TO_END)));
        assertArrayEquals(content, out.bytes());
        assertEquals(0, out.fileBlocks);
        assertEquals(6, out.copiedBlocks);
        assertEquals(0, out.readerReads, "the local file is read directly, not through the DSI");
    }

    @Test
    void zeroCopyOffCopiesRangesAtTheirOffsets() throws Exception {
        byte[] content = random(2 * RetrieveTask.CHUNK);
        RecordingOut out = run(content, false, false, List.of(new ByteRange(100, 300), new ByteRange(1000, 2000)));
        assertEquals(0, out.fileBlocks);
        byte[] expected = new byte[2000];
        System.arraycopy(content, 100, expected, 100, 200);
        System.arraycopy(content, 1000, expected, 1000, 1000);
        assertArrayEquals(expected, out.bytes());
    }

    private RecordingOut run(byte[] content, boolean zeroCopy, boolean loopback, List<ByteRange> ranges)
            throws Exception {
        Path file = Files.write(dir.resolve("f"), content);
        RecordingOut out = new RecordingOut(loop, loopback);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            LocalReader reader = new LocalReader(channel, out);
            CompletableFuture<Long> sent = new CompletableFuture<>();
            loop.execute(() -> new RetrieveTask(reader, out, ranges, 0, zeroCopy, Duration.ofSeconds(10)).start()
                    .whenComplete((n, t) -> {
                        if (t != null) {
                            sent.completeExceptionally(t);
                        } else {
                            sent.complete(n);
                        }
                    }));
            sent.get(20, TimeUnit.SECONDS);
        }
        return out;
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** A DSI reader over a local file that also offers the file itself, as the POSIX DSI does. */
    private record LocalReader(FileChannel channel, RecordingOut out) implements DsiReader {
        @Override
        public long size() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletionStage<Integer> read(ByteBuffer destination, long position) {
            out.readerReads++;
            try {
                return CompletableFuture.completedFuture(channel.read(destination, position));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public Optional<FileChannel> fileChannel() {
            return Optional.of(channel);
        }

        @Override
        public void close() {
        }
    }

    /** Writes every block into a byte image at its offset and counts how blocks came. */
    private static final class RecordingOut implements OutgoingData {
        private final EventExecutor loop;
        private final boolean loopback;
        private byte[] image = new byte[0];
        int fileBlocks;
        int copiedBlocks;
        int readerReads;

        RecordingOut(EventExecutor loop, boolean loopback) {
            this.loop = loop;
            this.loopback = loopback;
        }

        byte[] bytes() {
            return image;
        }

        private void place(byte[] data, long offset) {
            int end = (int) offset + data.length;
            if (end > image.length) {
                image = Arrays.copyOf(image, end);
            }
            System.arraycopy(data, 0, image, (int) offset, data.length);
        }

        @Override
        public EventExecutor executor() {
            return loop;
        }

        @Override
        public ByteBufAllocator alloc() {
            return UnpooledByteBufAllocator.DEFAULT;
        }

        @Override
        public CompletionStage<Void> send(ByteBuf data, long offset) {
            copiedBlocks++;
            byte[] bytes = new byte[data.readableBytes()];
            data.readBytes(bytes);
            data.release();
            place(bytes, offset);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> sendFile(FileChannel file, long position, int count, long offset) {
            fileBlocks++;
            ByteBuffer buffer = ByteBuffer.allocate(count);
            try {
                file.read(buffer, position);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            place(buffer.array(), offset);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean receiverOnLoopback() {
            return loopback;
        }

        @Override
        public CompletionStage<Void> finish() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void abort() {
        }
    }
}
