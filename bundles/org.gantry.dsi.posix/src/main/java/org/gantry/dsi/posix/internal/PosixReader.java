package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;

/**
 * Positional reads of one open file; concurrent reads at different offsets are fine (pread).
 * Every byte read, also through the file channel handed out for sendfile, is counted.
 */
final class PosixReader implements DsiReader {

    private final BlockingIo io;
    private final String dsiPath;
    private final FileChannel channel;
    private final long size;

    PosixReader(BlockingIo io, String dsiPath, FileChannel file, LongAdder reads) throws IOException {
        this.io = io;
        this.dsiPath = dsiPath;
        this.channel = new CountingFileChannel(file, reads);
        this.size = file.size();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public CompletionStage<Integer> read(ByteBuffer destination, long position) {
        if (position < 0) {
            return CompletableFuture.failedFuture(new DsiException(dsiPath + ": negative read position"));
        }
        return io.supply(dsiPath, () -> channel.read(destination, position));
    }

    /** The open file, so that the core can send it with sendfile. */
    @Override
    public Optional<FileChannel> fileChannel() {
        return Optional.of(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written, so there is nothing to lose.
        }
    }
}
