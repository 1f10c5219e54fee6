package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.support.FileChecksums;
import org.gantry.dsi.support.CommitChecksums;

/**
 * Checksums of a POSIX root: CKSM answered from a stored value where one is still valid, else
 * computed (and stored when the whole file was read); uploads verified against SCKS and their
 * checksums stored at commit. Every byte read for a checksum is counted in {@code reads}.
 */
final class PosixChecksums {

    private final StoredChecksums stored;
    private final LongAdder reads;

    PosixChecksums(StoredChecksums stored, LongAdder reads) {
        this.stored = stored;
        this.reads = reads;
    }

    StoredChecksums stored() {
        return stored;
    }

    /**
     * The checksum of {@code [offset, offset+length)} of the regular file {@code file}; a length
     * of -1, or one past the end, means to the end.
     */
    String checksum(Path file, String algorithm, long offset, long length, LongConsumer progress)
            throws IOException, DsiException {
        String token = ChecksumAlgorithm.token(algorithm).orElse(algorithm);
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(token);
        // Taken before the open: if the path still has it after reading, the open file was that one.
        FileStamp stamp = FileStamp.of(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long end = length < 0 || length > size - offset ? size : offset + length;
            boolean whole = offset == 0 && end == size;
            if (whole) {
                Optional<String> known = stored.readValid(file, stamp).flatMap(r -> r.value(token));
                if (known.isPresent()) {
                    return known.get();
                }
            }
            String value = compute(channel, calculator, offset, end, progress);
            // Stored only if nothing changed the file while it was read.
            if (whole && FileStamp.of(file).equals(stamp)) {
                ChecksumRecord record = stored.readValid(file, stamp)
                        .orElseGet(() -> ChecksumRecord.of(stamp, false, List.of()));
                stored.write(file, file, record.with(token, value));
            }
            return value;
        }
    }

    /**
     * At commit: checks the upload against its SCKS value (computing it from the written data
     * only where the core did not) and stores the upload's checksums with it.
     *
     * @param channel the upload's open file, positioned reads only
     * @param temp    the upload's file, before it is renamed
     * @param target  where it becomes visible
     */
    void commit(String dsiPath, FileChannel channel, Path temp, Path target, WriteRequest request, CommitInfo info)
            throws IOException, DsiException {
        List<Checksum> checksums = CommitChecksums.verified(dsiPath, request, info,
                algorithm -> compute(channel, ChecksumAlgorithm.create(algorithm), 0, channel.size(), n -> { }));
        if (checksums.isEmpty()) {
            stored.forget(target); // a fresh file has no attribute; an old sidecar must go
        } else {
            stored.write(temp, target, ChecksumRecord.of(FileStamp.of(temp), false, checksums));
        }
    }

    /** Runs a change that leaves the content alone (a new mtime), keeping a valid record valid. */
    void keepAcross(Path file, IoAction change) throws IOException {
        Optional<ChecksumRecord> before = stored.readValid(file, FileStamp.of(file));
        change.run();
        if (before.isPresent()) {
            ChecksumRecord record = before.get();
            stored.write(file, file, new ChecksumRecord(FileStamp.of(file), record.inode(), record.values()));
        }
    }

    /** A file-system call. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private String compute(FileChannel channel, ChecksumAlgorithm.Calculator calculator, long offset, long end,
            LongConsumer progress) throws IOException {
        long[] done = {0};
        return FileChecksums.compute(channel, calculator, offset, end, count -> {
            reads.add(count);
            done[0] += count;
            progress.accept(done[0]);
        });
    }
}
