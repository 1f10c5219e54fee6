package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.support.FileChecksums;
import org.gantry.dsi.tape.internal.cache.DiskCache;
import org.gantry.dsi.tape.internal.catalogue.Catalogue;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every session of one tape DSI shares: the catalogue, the disk cache, the flush and
 * recall bookkeeping, the policy and the threads; plus the few operations that touch several
 * of them at once (publishing an upload, dropping a deleted file's copies).
 */
final class TapeStore {

    private static final Logger LOG = LoggerFactory.getLogger(TapeStore.class);

    private final Catalogue catalogue;
    private final DiskCache cache;
    private final Flushes flushes;
    private final Recalls recalls;
    private final TapePolicy policy;
    private final Background background;

    TapeStore(Catalogue catalogue, DiskCache cache, Flushes flushes, Recalls recalls, TapePolicy policy,
            Background background) {
        this.catalogue = catalogue;
        this.cache = cache;
        this.flushes = flushes;
        this.recalls = recalls;
        this.policy = policy;
        this.background = background;
    }

    Catalogue catalogue() {
        return catalogue;
    }

    DiskCache cache() {
        return cache;
    }

    Recalls recalls() {
        return recalls;
    }

    TapePolicy policy() {
        return policy;
    }

    Background background() {
        return background;
    }

    /**
     * Makes a complete upload the content of {@code path}: its data moves into the cache under a
     * new id, the catalogue switches the name to it (one journal transaction), the replaced
     * file's copies go, and the new file is queued for its flush.
     */
    void publish(String path, Path data, long size, List<Checksum> checksums, long reservation, WriteRequest request,
            String owner) throws IOException, DsiException {
        long id = catalogue.newFileId();
        Path copy = cache.fileOf(id);
        Files.move(data, copy, StandardCopyOption.ATOMIC_MOVE);
        Optional<CatalogueEntry> replaced;
        try {
            replaced = catalogue.commitFile(path, id, size, checksums, owner, policy.fileMode(),
                    policy.familyOf(path), request.modificationTime().orElse(Instant.now()));
        } catch (DsiException | RuntimeException e) {
            Files.move(copy, data, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        cache.added(id, size, reservation);
        replaced.ifPresent(this::dropCopies);
        catalogue.byId(id).ifPresent(flushes::queue);
        cache.evictIfNeeded();
    }

    /** A file left the namespace: cancel its queued work and delete its disk copy. */
    void dropCopies(CatalogueEntry gone) {
        flushes.cancel(gone.id());
        recalls.cancel(gone.id());
        cache.discard(gone.id());
        gone.tape().ifPresent(t -> LOG.debug("tape copy {} of deleted file {} is now unreferenced", t.format(),
                gone.id()));
    }

    /** A checksum over {@code [offset, offset+length)} of a local file ({@code length} -1: to the end). */
    String checksumOf(Path file, String algorithm, long offset, long length) throws IOException, DsiException {
        ChecksumAlgorithm.Calculator calculator = ChecksumAlgorithm.create(algorithm);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = length < 0 ? in.size() : Math.min(in.size(), offset + length);
            return FileChecksums.compute(in, calculator, offset, end, count -> { });
        }
    }
}
