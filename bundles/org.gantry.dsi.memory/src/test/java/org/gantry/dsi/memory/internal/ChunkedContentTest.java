package org.gantry.dsi.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ChunkedContentTest {

    private final ChunkedContent content = new ChunkedContent();

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private byte[] readAll() {
        ByteBuffer buffer = ByteBuffer.allocate((int) content.size());
        while (buffer.hasRemaining()) {
            content.read(buffer, buffer.position());
        }
        return buffer.array();
    }

    @Test
    void writesAcrossChunkBoundariesReadBackIdentical() {
        byte[] data = random(3 * ChunkedContent.CHUNK_SIZE + 17);
        int split = ChunkedContent.CHUNK_SIZE - 5;

        content.write(ByteBuffer.wrap(data, split, data.length - split), split);
        content.write(ByteBuffer.wrap(data, 0, split), 0);

        assertEquals(data.length, content.size());
        assertArrayEquals(data, readAll());
    }

    @Test
    void holesReadAsZeros() {
        content.write(ByteBuffer.wrap(new byte[] {9}), 2 * ChunkedContent.CHUNK_SIZE + 10);

        byte[] all = readAll();

        assertEquals(2 * ChunkedContent.CHUNK_SIZE + 11, all.length);
        byte[] expected = new byte[all.length];
        expected[all.length - 1] = 9;
        assertArrayEquals(expected, all);
    }

    @Test
    void smallChunkGrowsWithoutLosingBytes() {
        content.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
        content.write(ByteBuffer.wrap(new byte[] {4}), 1000);

        byte[] all = readAll();

        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(all, 3));
        assertEquals(4, all[1000]);
    }

    @Test
    void readAtOrPastTheEndReturnsMinusOne() {
        content.write(ByteBuffer.wrap(new byte[] {1, 2}), 0);

        assertEquals(-1, content.read(ByteBuffer.allocate(4), 2));
        assertEquals(1, content.read(ByteBuffer.allocate(4), 1));
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        content.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
        ChunkedContent copy = content.copy();

        copy.write(ByteBuffer.wrap(new byte[] {7}), 0);

        assertArrayEquals(new byte[] {1, 2, 3}, readAll());
        ByteBuffer fromCopy = ByteBuffer.allocate(3);
        copy.read(fromCopy, 0);
        assertArrayEquals(new byte[] {7, 2, 3}, fromCopy.array());
    }
}
