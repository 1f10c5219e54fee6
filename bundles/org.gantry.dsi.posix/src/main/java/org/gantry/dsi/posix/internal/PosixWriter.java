package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gantry.dsi.support.RangeSet;

/**
 * One upload into a hidden temporary file next to its target. Writes are positional and may run
 * concurrently in any order (pwrite); commit (after an fsync if so configured) renames the file
 * over the target in one atomic step, so readers see either the old file or the complete new one.
 * An interrupted upload can be suspended: kept, hidden, under a name derived from the target's,
 * for a restart.
 */
final class PosixWriter implements DsiWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PosixWriter.class);

    private enum State { OPEN, COMMITTING, FINISHED }

    private final BlockingIo io;
    private final String dsiPath;
    private final Path temp;
    private final Path target;
    private final FileChannel channel;
    private final WriteRequest request;
    private final int mode;
    private final RangeSet durable;
    private final boolean syncOnCommit;
    private final PosixChecksums checksums;
    private final Consumer<PosixWriter> onFinished;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    /**
     * @param durable    ranges already present (bytes copied from the existing file)
     * @param checksums  verifies SCKS values and stores the checksums at commit
     * @param onFinished told once the upload is committed or discarded
     */
    PosixWriter(BlockingIo io, String dsiPath, Path temp, Path target, FileChannel channel, WriteRequest request,
            int mode, RangeSet durable, boolean syncOnCommit, PosixChecksums checksums,
            Consumer<PosixWriter> onFinished) {
        this.io = io;
        this.dsiPath = dsiPath;
        this.temp = temp;
        this.target = target;
        this.channel = channel;
        this.request = request;
        this.mode = mode;
        this.durable = durable;
        this.syncOnCommit = syncOnCommit;
        this.checksums = checksums;
        this.onFinished = onFinished;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer source, long position) {
        if (position < 0 || position + source.remaining() < 0) {
            return CompletableFuture.failedFuture(new DsiException(dsiPath + ": invalid write position"));
        }
        if (state.get() != State.OPEN) {
            return CompletableFuture.failedFuture(new DsiException(dsiPath + ": the upload is no longer open"));
        }
        long end = position + source.remaining();
        return io.supply(dsiPath, () -> {
            long offset = position;
            while (source.hasRemaining()) {
                offset += channel.write(source, offset);
            }
            durable.add(position, end);
            return null;
        });
    }

    @Override
    public List<ByteRange> durableRanges() {
        return durable.toList();
    }

    @Override
    public CompletionStage<Void> commit(CommitInfo info) {
        if (!state.compareAndSet(State.OPEN, State.COMMITTING)) {
            return CompletableFuture.failedFuture(new DsiException(dsiPath + ": the upload is already finished"));
        }
        return io.supply(dsiPath, () -> {
            try {
                publish(info);
                return null;
            } catch (IOException | DsiException | RuntimeException e) {
                discard();
                throw e;
            } finally {
                finish();
            }
        });
    }

    private void publish(CommitInfo info) throws IOException, DsiException {
        if (syncOnCommit) {
            channel.force(true);
        }
        FileModes.apply(temp, mode);
        if (request.modificationTime().isPresent()) {
            // Set before the rename, so the visible file never carries the wrong time.
            Files.setLastModifiedTime(temp, FileTime.from(request.modificationTime().get()));
        }
        // Verified and stored before the rename: the visible file never lacks them, and a
        // mismatch leaves nothing behind.
        checksums.commit(dsiPath, channel, temp, target, request, info);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (syncOnCommit) {
            syncDirectory(target.getParent());
        }
    }

    /** Makes the rename itself durable; not every file system lets a directory be synced. */
    private static void syncDirectory(Path directory) {
        try (FileChannel handle = FileChannel.open(directory, StandardOpenOption.READ)) {
            handle.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory after an upload", e);
        }
    }

    /** Idempotent; a no-op once the upload was committed. */
    @Override
    public CompletionStage<Void> abort(Throwable cause) {
        if (!state.compareAndSet(State.OPEN, State.FINISHED)) {
            return CompletableFuture.completedFuture(null);
        }
        closeChannel(); // stops writes in flight at once
        return io.supplyEvenWhenStopped(dsiPath, () -> {
            discard();
            onFinished.accept(this);
            return null;
        });
    }

    /**
     * Keeps what was written, hidden under the target's partial name, for a restart with REST
     * ranges; an upload with nothing written is simply discarded. Replaces an older partial.
     */
    @Override
    public CompletionStage<Void> suspend(Throwable cause) {
        if (!state.compareAndSet(State.OPEN, State.FINISHED)) {
            return CompletableFuture.completedFuture(null);
        }
        closeChannel();
        return io.supplyEvenWhenStopped(dsiPath, () -> {
            if (durable.toList().isEmpty()) {
                discard();
            } else {
                try {
                    Files.move(temp, PosixUploads.partialFor(target), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    LOG.warn("cannot keep the interrupted upload to {} for a restart", dsiPath, e);
                    discard();
                }
            }
            onFinished.accept(this);
            return null;
        });
    }

    /** Discards the upload on the calling thread (DSI shutdown). */
    void abortNow() {
        if (state.compareAndSet(State.OPEN, State.FINISHED)) {
            discard();
            onFinished.accept(this);
        }
    }

    private void finish() {
        state.set(State.FINISHED);
        onFinished.accept(this);
    }

    private void discard() {
        closeChannel();
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot remove the temporary file of an aborted upload to {}", dsiPath, e);
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // The data is being thrown away anyway.
        }
    }
}
