package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.FileInfo;

/**
 * A directory read lazily through an open {@link DirectoryStream}: each batch reads only as many
 * entries as asked, so a huge directory is never held in memory.
 */
final class PosixListing implements DirectoryListing {

    private final BlockingIo io;
    private final FileInfoReader infos;
    private final String dsiPath;
    private final DirectoryStream<Path> stream;
    private final Iterator<Path> entries;
    private final AtomicBoolean closed = new AtomicBoolean();

    PosixListing(BlockingIo io, FileInfoReader infos, String dsiPath, DirectoryStream<Path> stream) {
        this.io = io;
        this.infos = infos;
        this.dsiPath = dsiPath;
        this.stream = stream;
        this.entries = stream.iterator();
    }

    @Override
    public CompletionStage<List<FileInfo>> next(int max) {
        if (max <= 0) {
            return CompletableFuture.failedFuture(new DsiException("batch size must be positive: " + max));
        }
        return io.supply(dsiPath, () -> nextBatch(max));
    }

    private synchronized List<FileInfo> nextBatch(int max) throws IOException {
        List<FileInfo> batch = new ArrayList<>(Math.min(max, 1024));
        if (closed.get()) {
            return batch;
        }
        try {
            while (batch.size() < max && entries.hasNext()) {
                Path entry = entries.next();
                try {
                    batch.add(infos.read(entry, entry.getFileName().toString()));
                } catch (NoSuchFileException removedMeanwhile) {
                    // Deleted between readdir and stat: it is simply no longer there.
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return batch;
    }

    /** Returns at once; the stream is closed on the I/O pool, after a batch being read. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            io.supplyEvenWhenStopped(dsiPath, () -> {
                closeStream();
                return null;
            });
        }
    }

    private synchronized void closeStream() {
        try {
            stream.close();
        } catch (IOException e) {
            // Only a file descriptor to release; nothing to report.
        }
    }
}
