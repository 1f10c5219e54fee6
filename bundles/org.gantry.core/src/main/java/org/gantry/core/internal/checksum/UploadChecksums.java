package org.gantry.core.internal.checksum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.support.CombinableChecksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;

/**
 * The checksums of one upload, computed from its chunks while they are written, so the file is
 * never read back for them: 32-bit sums per chunk, joined in offset order ({@link PieceSums});
 * digests over the contiguous prefix ({@link PrefixDigests}). The work runs on a pool, one chunk
 * after another, alongside the chunk's write; at the end the values are checked against the
 * client's SCKS value and handed to the DSI's commit.
 */
public final class UploadChecksums {

    private static final Logger LOG = LoggerFactory.getLogger(UploadChecksums.class);
    private static final UploadChecksums NONE = new UploadChecksums(null, List.of(), null, Optional.empty());

    private final SerialLane lane;
    private final List<PieceSums> sums;
    private final PrefixDigests digests;
    private final Optional<Checksum> expected;

    private UploadChecksums(SerialLane lane, List<PieceSums> sums, PrefixDigests digests, Optional<Checksum> expected) {
        this.lane = lane;
        this.sums = sums;
        this.digests = digests;
        this.expected = expected;
    }

    /** Computes nothing (an upload that is not a whole file, or nothing configured). */
    public static UploadChecksums none() {
        return NONE;
    }

    /**
     * The checksums for an upload.
     *
     * @param wholeFile whether the upload's data is the whole file (a plain STOR); for appends
     *                  and restarts nothing is computed and the DSI checks an SCKS value itself
     * @param expected  the SCKS value; its algorithm is computed too
     * @param pool      where the work runs
     */
    public static UploadChecksums forUpload(ChecksumSettings settings, boolean wholeFile, Optional<Checksum> expected,
            Executor pool) {
        Set<String> tokens = new TreeSet<>(settings.onTheFly());
        expected.ifPresent(e -> tokens.add(e.algorithm()));
        if (!wholeFile || tokens.isEmpty()) {
            return NONE;
        }
        List<PieceSums> sums = new ArrayList<>();
        Map<String, ChecksumAlgorithm.Calculator> ordered = new LinkedHashMap<>();
        for (String token : tokens) {
            Optional<CombinableChecksum> combinable = CombinableChecksum.forToken(token);
            if (combinable.isPresent()) {
                sums.add(new PieceSums(combinable.get()));
            } else {
                ordered.put(token, calculator(token));
            }
        }
        PrefixDigests digests = ordered.isEmpty() ? null : new PrefixDigests(ordered, settings.bufferBytes());
        return new UploadChecksums(new SerialLane(pool), List.copyOf(sums), digests, expected);
    }

    /**
     * Sums a chunk while it is written. The caller keeps owning {@code data} and must not release
     * it before the returned stage completes, which it does once both the write and the summing
     * are done (failed if the write failed).
     */
    public CompletionStage<Void> alongside(long offset, ByteBuf data, CompletionStage<Void> write) {
        if (lane == null) {
            return write;
        }
        CompletableFuture<Void> summed = lane.run(() -> {
            for (PieceSums sum : sums) {
                sum.add(offset, data.nioBuffer());
            }
            if (digests != null) {
                digests.add(offset, data);
            }
        });
        CompletableFuture<Void> written = write.toCompletableFuture();
        return CompletableFuture.allOf(summed, written).thenCompose(v -> written);
    }

    /**
     * The checksums of the complete upload of {@code size} bytes, once every chunk is summed.
     * Fails with a 550 reply when one of them differs from the SCKS value.
     */
    public CompletionStage<List<Checksum>> complete(long size) {
        if (lane == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return lane.supply(() -> {
            List<Checksum> values = new ArrayList<>();
            for (PieceSums sum : sums) {
                sum.finish(size).ifPresent(v -> values.add(new Checksum(sum.token(), v)));
            }
            if (digests != null) {
                values.addAll(digests.finish(size));
                if (digests.givenUp() != null) {
                    LOG.info("Not storing digests of an upload of {} bytes: {}", size, digests.givenUp());
                }
                LOG.debug("Upload of {} bytes: at most {} bytes waited for the digests", size, digests.peakAheadBytes());
            }
            expected.ifPresent(e -> check(e, values));
            return values;
        });
    }

    /** Frees what is buffered after a failed upload; harmless after {@link #complete}. */
    public void discard() {
        if (digests != null) {
            lane.run(digests::release);
        }
    }

    /** Where the upload's value of the SCKS algorithm is known, it must be the expected one. */
    private static void check(Checksum expected, List<Checksum> values) {
        for (Checksum actual : values) {
            if (actual.algorithm().equals(expected.algorithm()) && !actual.value().equals(expected.value())) {
                throw new FtpReplyException(Replies.checksumMismatch(actual.algorithm(), actual.value(),
                        expected.value()));
            }
        }
    }

    private static ChecksumAlgorithm.Calculator calculator(String token) {
        try {
            return ChecksumAlgorithm.create(token);
        } catch (NotSupportedException e) {
            throw new IllegalArgumentException("not a checksum algorithm: " + token, e);
        }
    }
}
