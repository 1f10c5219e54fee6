package org.gantry.dsi.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.IntConsumer;

/** Checksums of a byte range of a local file, read with positional reads a buffer at a time. */
public final class FileChecksums {

    private static final int BUFFER = 256 * 1024;

    private FileChecksums() {
    }

    /**
     * Feeds {@code [offset, end)} of {@code channel} to {@code calculator} (less if the file is
     * shorter) and returns its value; {@code eachRead} learns the size of every read, for
     * counters and progress.
     */
    public static String compute(FileChannel channel, ChecksumAlgorithm.Calculator calculator, long offset, long end,
            IntConsumer eachRead) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (long position = offset; position < end; ) {
            buffer.clear().limit((int) Math.min(BUFFER, end - position));
            int count = channel.read(buffer, position);
            if (count < 0) {
                break;
            }
            position += count;
            eachRead.accept(count);
            calculator.update(buffer.flip());
        }
        return calculator.value();
    }
}
