package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.tape.internal.cache.DiskCache;

/** Reads a file's disk-cache copy, which cannot be evicted until the reader is closed. */
final class CacheReader implements DsiReader {

    private final Background background;
    private final DiskCache cache;
    private final long id;
    private final FileChannel channel;
    private final long size;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The caller has {@linkplain DiskCache#startRead started the read} of {@code id}. */
    CacheReader(Background background, DiskCache cache, long id) throws IOException {
        this.background = background;
        this.cache = cache;
        this.id = id;
        try {
            this.channel = FileChannel.open(cache.fileOf(id), StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            cache.endRead(id);
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public CompletionStage<Integer> read(ByteBuffer destination, long position) {
        return background.run(() -> channel.read(destination, position));
    }

    @Override
    public Optional<FileChannel> fileChannel() {
        return Optional.of(channel);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                // read only: nothing to lose
            }
            cache.endRead(id);
        }
    }
}
