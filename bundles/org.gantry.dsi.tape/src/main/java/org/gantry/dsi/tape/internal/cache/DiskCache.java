package org.gantry.dsi.tape.internal.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gantry.dsi.api.BusyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.tape.internal.catalogue.Catalogue;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk in front of the tape library: complete copies of files by catalogue id
 * ({@code files/<id>}) and uploads in progress ({@code uploads/}). It accounts for space, and
 * when use passes the high watermark it evicts the least recently used copies that are already
 * on tape, are not pinned and are not being read, down to the low watermark. Files that are not
 * on tape yet are never evicted: a cache full of them refuses new data with "no space".
 */
public final class DiskCache {

    private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);

    private final Path files;
    private final Path uploads;
    private final Catalogue catalogue;
    private final CacheSettings settings;
    private final Map<Long, Long> sizes = new HashMap<>();
    private final Map<Long, Instant> lastUse = new HashMap<>();
    private final Map<Long, Instant> pins = new HashMap<>();
    private final Map<Long, Integer> readers = new HashMap<>();
    private long used;
    private long reserved;
    private long evictions;

    /**
     * Opens the cache in {@code directory} and makes it agree with the catalogue: uploads left by
     * a crash are removed, copies the catalogue does not know are deleted, and files whose copy
     * is missing are marked as not cached (or lost, when there is no tape copy either).
     */
    public DiskCache(Path directory, CacheSettings settings, Catalogue catalogue) throws IOException, DsiException {
        this.files = Files.createDirectories(directory.resolve("files"));
        this.uploads = Files.createDirectories(directory.resolve("uploads"));
        this.catalogue = catalogue;
        this.settings = settings;
        deleteAll(uploads);
        reconcile();
    }

    public Path fileOf(long id) {
        return files.resolve(Long.toString(id));
    }

    /** A fresh path for an upload's data, in the same file system as the copies. */
    public Path newUploadFile() {
        return uploads.resolve(UUID.randomUUID().toString());
    }

    /** Claims space for bytes about to be written, evicting if needed. */
    public synchronized void reserve(long bytes) throws NoSpaceException {
        if (used + reserved + bytes > settings.capacity()) {
            evictDownTo(settings.capacity() - bytes - reserved);
        }
        if (used + reserved + bytes > settings.capacity()) {
            throw new NoSpaceException("disk cache full: " + (used + reserved) + " of " + settings.capacity()
                    + " bytes in use by files not yet on tape, pinned or being read");
        }
        reserved += bytes;
    }

    public synchronized void unreserve(long bytes) {
        reserved = Math.max(0, reserved - bytes);
    }

    /** A complete copy of {@code id} is now in {@link #fileOf}; its space was reserved before. */
    public synchronized void added(long id, long size, long reservation) {
        reserved = Math.max(0, reserved - reservation);
        Long before = sizes.put(id, size);
        used += size - (before == null ? 0 : before);
        lastUse.put(id, Instant.now());
    }

    /** Deletes the copy of a file that is gone from the namespace. */
    public synchronized void discard(long id) {
        Long size = sizes.remove(id);
        if (size != null) {
            used -= size;
        }
        lastUse.remove(id);
        pins.remove(id);
        delete(fileOf(id));
    }

    /** Keeps a copy on disk until {@code until} (a staged file the user asked for). */
    public synchronized void pin(long id, Instant until) {
        pins.merge(id, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Starts a read of a cached copy: it cannot be evicted until {@link #endRead}. */
    public synchronized boolean startRead(long id) {
        if (!sizes.containsKey(id)) {
            return false;
        }
        readers.merge(id, 1, Integer::sum);
        lastUse.put(id, Instant.now());
        return true;
    }

    public synchronized void endRead(long id) {
        readers.computeIfPresent(id, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Evicts copies while use is above the high watermark. */
    public synchronized void evictIfNeeded() {
        if (used + reserved > settings.highWatermark()) {
            evictDownTo(settings.lowWatermark());
        }
    }

    /** Evicts one copy now (operator's request). */
    public synchronized void evict(long id) throws DsiException {
        CatalogueEntry entry = catalogue.byId(id).orElse(null);
        if (entry == null || !sizes.containsKey(id)) {
            throw new NotSupportedException("not on the disk cache");
        }
        if (entry.tape().isEmpty()) {
            throw new BusyException(catalogue.pathOf(id) + " is not on tape yet");
        }
        if (readers.containsKey(id)) {
            throw new BusyException(catalogue.pathOf(id) + " is being read");
        }
        evictOne(id);
    }

    public synchronized CacheStatus status() {
        return new CacheStatus(settings.capacity(), used, reserved, sizes.size(), pins.size(), evictions);
    }

    private void evictDownTo(long target) {
        Instant now = Instant.now();
        pins.values().removeIf(until -> until.isBefore(now));
        List<Long> candidates = new ArrayList<>();
        for (Long id : sizes.keySet()) {
            if (!pins.containsKey(id) && !readers.containsKey(id)
                    && catalogue.byId(id).map(e -> e.tape().isPresent()).orElse(false)) {
                candidates.add(id);
            }
        }
        candidates.sort(Comparator.comparing(id -> lastUse.getOrDefault(id, Instant.EPOCH)));
        for (Long id : candidates) {
            if (used + reserved <= target) {
                break;
            }
            try {
                evictOne(id);
            } catch (DsiException e) {
                LOG.warn("cannot evict file {}: {}", id, e.getMessage());
                return;
            }
        }
    }

    private void evictOne(long id) throws DsiException {
        if (catalogue.setCached(id, false)) {
            // The catalogue no longer points at the copy before it goes: a crash in between only
            // leaves an orphan that the next start deletes.
            delete(fileOf(id));
        }
        Long size = sizes.remove(id);
        used -= size == null ? 0 : size;
        lastUse.remove(id);
        evictions++;
    }

    private void reconcile() throws IOException, DsiException {
        Map<Long, CatalogueEntry> cachedFiles = new HashMap<>();
        for (CatalogueEntry e : catalogue.files()) {
            if (e.cached()) {
                cachedFiles.put(e.id(), e);
            }
        }
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(files)) {
            for (Path copy : copies) {
                Long id = idOf(copy);
                CatalogueEntry entry = id == null ? null : cachedFiles.remove(id);
                if (entry == null || Files.size(copy) != entry.size()) {
                    LOG.info("disk cache: removing {} which the catalogue does not list as cached", copy.getFileName());
                    delete(copy);
                    if (entry != null) {
                        cachedFiles.put(id, entry);
                    }
                    continue;
                }
                sizes.put(id, entry.size());
                used += entry.size();
                lastUse.put(id, Files.getLastModifiedTime(copy).toInstant());
            }
        }
        for (CatalogueEntry missing : cachedFiles.values()) {
            if (missing.tape().isPresent()) {
                catalogue.setCached(missing.id(), false);
            } else if (missing.size() > 0) {
                LOG.warn("disk cache: {} has neither its disk copy nor a tape copy: marking it LOST",
                        catalogue.pathOf(missing.id()));
                catalogue.setFlags(catalogue.pathOf(missing.id()), true, false);
            } else {
                sizes.put(missing.id(), 0L);
                Files.write(fileOf(missing.id()), new byte[0]);
            }
        }
    }

    private static Long idOf(Path copy) {
        try {
            return Long.parseLong(copy.getFileName().toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void deleteAll(Path directory) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory)) {
            for (Path p : leftovers) {
                delete(p);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("disk cache: cannot delete {}: {}", p, e.toString());
        }
    }
}
