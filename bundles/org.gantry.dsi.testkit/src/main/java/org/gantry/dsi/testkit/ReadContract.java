package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.ReadRequest;
import org.junit.jupiter.api.Test;

/** Positional reads: arbitrary ranges, concurrency, end of file. */
public abstract class ReadContract extends UploadContract {

    private static final int FILE_SIZE = 300 * 1024 + 11;

    @Test
    public void readerReportsTheFileSize() throws Exception {
        writeFile("/file.bin", randomBytes(FILE_SIZE, 10));

        DsiReader reader = await(session.openRead("/file.bin", ReadRequest.whole()));
        try {
            assertEquals(FILE_SIZE, reader.size());
        } finally {
            reader.close();
        }
    }

    @Test
    public void rangedReadsReturnTheBytesAtEachPosition() throws Exception {
        byte[] content = randomBytes(FILE_SIZE, 11);
        writeFile("/file.bin", content);
        ReadRequest request = new ReadRequest(List.of(new ByteRange(1, 5000), new ByteRange(65_000, ByteRange.TO_END)));
        long[] positions = {0, 1, 4095, 4096, 65_535, 65_536, 100_003, FILE_SIZE - 1000, FILE_SIZE - 1};

        DsiReader reader = await(session.openRead("/file.bin", request));
        try {
            for (long position : positions) {
                int length = (int) Math.min(1000, FILE_SIZE - position);
                byte[] expected = Arrays.copyOfRange(content, (int) position, (int) position + length);
                assertArrayEquals(expected, readRange(reader, position, length), "at " + position);
            }
        } finally {
            reader.close();
        }
    }

    @Test
    public void readFillsOnlyFromBufferPositionToLimit() throws Exception {
        byte[] content = randomBytes(100, 12);
        writeFile("/file.bin", content);
        ByteBuffer buffer = ByteBuffer.allocate(40);
        buffer.position(10).limit(30);

        DsiReader reader = await(session.openRead("/file.bin", ReadRequest.whole()));
        try {
            int count = await(reader.read(buffer, 50));
            assertEquals(10 + count, buffer.position(), "the buffer position advances by the count");
            assertEquals(30, buffer.limit());
            byte[] array = buffer.array();
            assertArrayEquals(new byte[10], Arrays.copyOfRange(array, 0, 10), "bytes before position untouched");
            assertArrayEquals(new byte[10], Arrays.copyOfRange(array, 30, 40), "bytes after limit untouched");
            assertArrayEquals(Arrays.copyOfRange(content, 50, 50 + count), Arrays.copyOfRange(array, 10, 10 + count));
        } finally {
            reader.close();
        }
    }

    @Test
    public void readAtOrPastEndOfFileReturnsMinusOne() throws Exception {
        writeFile("/file.bin", randomBytes(1000, 13));

        DsiReader reader = await(session.openRead("/file.bin", ReadRequest.whole()));
        try {
            assertEquals(-1, await(reader.read(ByteBuffer.allocate(10), 1000)));
            assertEquals(-1, await(reader.read(ByteBuffer.allocate(10), 5000)));
            ByteBuffer tail = ByteBuffer.allocate(10);
            assertEquals(1, await(reader.read(tail, 999)), "a read across the end returns what is left");
        } finally {
            reader.close();
        }
    }

    @Test
    public void readOfEmptyFileReturnsMinusOne() throws Exception {
        writeFile("/empty.bin", new byte[0]);

        DsiReader reader = await(session.openRead("/empty.bin", ReadRequest.whole()));
        try {
            assertEquals(0, reader.size());
            assertEquals(-1, await(reader.read(ByteBuffer.allocate(10), 0)));
        } finally {
            reader.close();
        }
    }

    @Test
    public void concurrentReadsAtDifferentOffsetsReturnTheirOwnBytes() throws Exception {
        byte[] content = randomBytes(FILE_SIZE, 14);
        writeFile("/file.bin", content);
        int blockSize = 8 * 1024;

        DsiReader reader = await(session.openRead("/file.bin", ReadRequest.whole()));
        try {
            List<ByteBuffer> buffers = new ArrayList<>();
            List<CompletionStage<Integer>> reads = new ArrayList<>();
            for (int block = 31; block >= 0; block--) {
                ByteBuffer buffer = ByteBuffer.allocate(blockSize);
                buffers.add(0, buffer);
                reads.add(0, reader.read(buffer, (long) block * blockSize));
            }
            for (int block = 0; block < 32; block++) {
                int count = await(reads.get(block));
                int start = block * blockSize;
                assertArrayEquals(Arrays.copyOfRange(content, start, start + count),
                        Arrays.copyOf(buffers.get(block).array(), count), "block " + block);
            }
        } finally {
            reader.close();
        }
    }

    @Test
    public void readerCloseIsIdempotent() throws Exception {
        writeFile("/file.bin", new byte[] {1, 2, 3});
        DsiReader reader = await(session.openRead("/file.bin", ReadRequest.whole()));
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(reader));

        reader.close();
        reader.close();

        assertArrayEquals(new byte[] {1, 2, 3}, readFile("/file.bin"));
    }

    @Test
    public void openReadOfMissingFileFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.openRead("/missing", ReadRequest.whole()));
    }

    @Test
    public void openReadOfDirectoryFailsWithIsDirectory() throws Exception {
        await(session.mkdir("/dir"));

        assertFails(IsDirectoryException.class, () -> session.openRead("/dir", ReadRequest.whole()));
    }
}
