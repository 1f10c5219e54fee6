package org.gantry.dsi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Adler32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksumsTest {

    @TempDir
    Path dir;

    @Test
    void aRangeIsSummedAndEveryReadCounted() throws Exception {
        byte[] content = new byte[700_000];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        AtomicLong read = new AtomicLong();
        try (FileChannel channel = FileChannel.open(file)) {
            String value = FileChecksums.compute(channel, ChecksumAlgorithm.create("ADLER32"), 1000, 600_000,
                    read::addAndGet);
            Adler32 expected = new Adler32();
            expected.update(content, 1000, 599_000);
            assertEquals(String.format("%08x", expected.getValue()), value);
            assertEquals(599_000, read.get());

            read.set(0);
            String toEnd = FileChecksums.compute(channel, ChecksumAlgorithm.create("ADLER32"), 0, 2_000_000,
                    read::addAndGet);
            expected.reset();
            expected.update(content);
            assertEquals(String.format("%08x", expected.getValue()), toEnd, "a short file ends the range");
            assertEquals(content.length, read.get());
        }
    }
}
