package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.support.CommitChecksums;

/**
 * One upload into the disk cache. Tape is sequential, so the DSI takes writes in ascending,
 * contiguous order (the core's reorder stage provides that), which also lets it record the
 * file's ADLER32 as the bytes go by: that value is what a recall is checked against later.
 */
final class TapeWriter implements DsiWriter {

    private final TapeStore store;
    private final String path;
    private final WriteRequest request;
    private final String owner;
    private final Path data;
    private final FileChannel channel;
    private final ChecksumAlgorithm.Calculator adler32;
    private long written;
    private long reserved;
    private boolean ended;

    TapeWriter(TapeStore store, String path, WriteRequest request, String owner) throws IOException, DsiException {
        this.store = store;
        this.owner = owner;
        this.path = path;
        this.request = request;
        this.data = store.cache().newUploadFile();
        this.channel = FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.adler32 = ChecksumAlgorithm.create("ADLER32");
    }

    @Override
    public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
        if (ended) {
            return CompletableFuture.failedFuture(new DsiException(path + ": the upload has ended"));
        }
        if (position != written) {
            return CompletableFuture.failedFuture(new DsiException(path + ": tape uploads are written in order; "
                    + "expected offset " + written + ", got " + position));
        }
        int length = source.remaining();
        try {
            store.cache().reserve(length);
        } catch (DsiException e) {
            return CompletableFuture.failedFuture(e);
        }
        reserved += length;
        written += length;
        ByteBuffer bytes = source.duplicate();
        source.position(source.limit());
        return store.background().run(() -> {
            adler32.update(bytes.duplicate());
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + (length - bytes.remaining()));
            }
            return null;
        });
    }

    @Override
    public synchronized List<ByteRange> durableRanges() {
        return written == 0 ? List.of() : List.of(new ByteRange(0, written));
    }

    @Override
    public CompletionStage<Void> commit(CommitInfo info) {
        synchronized (this) {
            if (ended) {
                return CompletableFuture.failedFuture(new DsiException(path + ": the upload has ended"));
            }
            ended = true;
        }
        return store.background().run(() -> {
            try {
                channel.force(false);
                channel.close();
                List<Checksum> checksums = new ArrayList<>(CommitChecksums.verified(path, request, info,
                        algorithm -> store.checksumOf(data, algorithm, 0, -1)));
                if (checksums.stream().noneMatch(c -> c.algorithm().equals("ADLER32"))) {
                    checksums.add(new Checksum("ADLER32", adler32.value()));
                }
                store.publish(path, data, info.size(), checksums, reserved, request, owner);
                return null;
            } catch (DsiException | IOException | RuntimeException e) {
                discard();
                throw e;
            }
        });
    }

    @Override
    public CompletionStage<Void> abort(Throwable cause) {
        synchronized (this) {
            if (ended) {
                return CompletableFuture.completedFuture(null);
            }
            ended = true;
        }
        return store.background().run(() -> {
            discard();
            return null;
        });
    }

    private void discard() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(data);
            store.cache().unreserve(reserved);
        }
    }
}
