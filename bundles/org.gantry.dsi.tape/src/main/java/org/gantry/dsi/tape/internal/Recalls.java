package org.gantry.dsi.tape.internal;

import java.nio.file.Files;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.tape.internal.cache.DiskCache;
import org.gantry.dsi.tape.internal.catalogue.Catalogue;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.gantry.dsi.tape.internal.catalogue.PendingRecall;
import org.gantry.dsi.tape.internal.library.RecallItem;
import org.gantry.dsi.tape.internal.library.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls (stages) of nearline files: one request per file however many users ask (they all
 * wait on the same future), remembered in the catalogue so that a restart resumes them, with
 * disk-cache space reserved before the library is asked.
 */
final class Recalls {

    private static final Logger LOG = LoggerFactory.getLogger(Recalls.class);

    private record Waiting(CompletableFuture<Void> done, long reservation) {
    }

    private final Catalogue catalogue;
    private final DiskCache cache;
    private final TapeLibrary library;
    private final TapePolicy policy;
    private final Map<Long, Waiting> waiting = new HashMap<>();

    Recalls(Catalogue catalogue, DiskCache cache, TapeLibrary library, TapePolicy policy) {
        this.catalogue = catalogue;
        this.cache = cache;
        this.library = library;
        this.policy = policy;
    }

    /**
     * Asks for {@code entry} to be brought back to disk. Completes when its copy is on the disk
     * cache (at once if it already is); fails with a {@link DsiException} if it cannot be.
     * The caller has checked that {@code requester} may stage it.
     */
    synchronized CompletableFuture<Void> request(CatalogueEntry entry, String requester) throws DsiException {
        String path = catalogue.pathOf(entry.id());
        switch (entry.locality()) {
            case ONLINE, ONLINE_AND_NEARLINE, NONE:
                return CompletableFuture.completedFuture(null);
            case LOST:
                throw lost();
            case UNAVAILABLE:
                throw unavailable(path);
            default:
                break;
        }
        Waiting existing = waiting.get(entry.id());
        if (existing != null) {
            return existing.done();
        }
        cache.reserve(entry.size());
        PendingRecall recall = new PendingRecall(entry.id(), requester, policy.priorityOf(requester), Instant.now());
        try {
            catalogue.addRecall(recall);
        } catch (DsiException e) {
            cache.unreserve(entry.size());
            throw e;
        }
        return submit(entry, recall);
    }

    /**
     * A LOST file can be neither read nor staged: a permanent 550 whose text says why (a plain
     * "not found" would hide that the name still exists). Without a path: this one is the DSI's,
     * not the client's.
     */
    static DsiException lost() {
        return new DsiException("The file is LOST (no copy on any medium).", null, 550);
    }

    /** An UNAVAILABLE file: a transient failure, its copies may come back. */
    static DsiException unavailable(String path) {
        return new StorageUnavailableException(path + " is UNAVAILABLE");
    }

    /** Re-submits the recalls a previous run left pending. */
    synchronized void resume() {
        for (PendingRecall recall : catalogue.pendingRecalls()) {
            CatalogueEntry entry = catalogue.byId(recall.fileId()).orElse(null);
            try {
                if (entry == null || entry.locality() != org.gantry.dsi.api.Locality.NEARLINE) {
                    catalogue.endRecall(recall.fileId());
                    continue;
                }
                cache.reserve(entry.size());
                submit(entry, recall);
                LOG.info("resuming the recall of {} asked for by {} at {}", catalogue.pathOf(entry.id()),
                        recall.requester(), recall.requested());
            } catch (DsiException e) {
                LOG.warn("cannot resume the recall of file {}: {}", recall.fileId(), e.getMessage());
            }
        }
    }

    synchronized boolean inFlight(long fileId) {
        return waiting.containsKey(fileId);
    }

    synchronized int size() {
        return waiting.size();
    }

    /** The library brought the file back: record the disk copy, pin it and wake the waiters. */
    void recalled(long fileId) {
        Waiting w;
        synchronized (this) {
            w = waiting.remove(fileId);
        }
        long reservation = w == null ? 0 : w.reservation();
        CatalogueEntry entry = catalogue.byId(fileId).orElse(null);
        if (entry == null) {
            cache.unreserve(reservation);
            deleteQuietly(fileId);
            fail(w, new NotFoundException("the file was deleted while it was being recalled"));
            return;
        }
        // The cache learns of the copy before the catalogue points at it, so a reader who sees
        // the file ONLINE always finds its copy.
        cache.added(fileId, entry.size(), reservation);
        cache.pin(fileId, Instant.now().plus(policy.pinLifetime()));
        try {
            if (!catalogue.recalled(fileId)) {
                cache.discard(fileId);
                fail(w, new NotFoundException("the file was deleted while it was being recalled"));
                return;
            }
        } catch (DsiException e) {
            cache.discard(fileId);
            fail(w, e);
            return;
        }
        if (w != null) {
            w.done().complete(null);
        }
    }

    private void deleteQuietly(long fileId) {
        try {
            Files.deleteIfExists(cache.fileOf(fileId));
        } catch (IOException e) {
            LOG.warn("cannot delete the recalled copy of deleted file {}: {}", fileId, e.toString());
        }
    }

    void failed(long fileId, String reason) {
        Waiting w;
        synchronized (this) {
            w = waiting.remove(fileId);
        }
        cache.unreserve(w == null ? 0 : w.reservation());
        String path = catalogue.pathOf(fileId);
        LOG.warn("recall of {} failed: {}", path, reason);
        try {
            catalogue.endRecall(fileId);
        } catch (DsiException e) {
            LOG.warn("cannot record the end of the recall of {}: {}", path, e.getMessage());
        }
        fail(w, new StorageUnavailableException(path + ": recall from tape failed: " + reason));
    }

    /** The file is being deleted: drop its recall. */
    void cancel(long fileId) {
        Waiting w;
        synchronized (this) {
            w = waiting.remove(fileId);
        }
        if (w != null) {
            library.cancelRecall(fileId);
            cache.unreserve(w.reservation());
            fail(w, new NotFoundException("the file was deleted while it was being recalled"));
        }
    }

    private CompletableFuture<Void> submit(CatalogueEntry entry, PendingRecall recall) {
        Waiting w = new Waiting(new CompletableFuture<>(), entry.size());
        waiting.put(entry.id(), w);
        library.recall(new RecallItem(entry.id(), entry.tape().orElseThrow(), cache.fileOf(entry.id()),
                entry.checksum("ADLER32").orElse(""), recall.requester(), recall.priority(), recall.requested()));
        return w.done();
    }

    private static void fail(Waiting w, DsiException e) {
        if (w != null) {
            w.done().completeExceptionally(e);
        }
    }

    /** Ids of the files being recalled, for the shell. */
    synchronized List<Long> ids() {
        return List.copyOf(waiting.keySet());
    }
}
