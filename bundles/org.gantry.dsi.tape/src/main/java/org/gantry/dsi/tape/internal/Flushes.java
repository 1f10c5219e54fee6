package org.gantry.dsi.tape.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.tape.internal.cache.DiskCache;
import org.gantry.dsi.tape.internal.catalogue.Catalogue;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.gantry.dsi.tape.internal.library.FlushItem;
import org.gantry.dsi.tape.internal.library.TapeLibrary;
import org.gantry.dsi.tape.internal.library.TapeLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets files that are on disk only onto tape: queues them with the library when they are
 * written (and at start-up, for what a previous run left), records the location the library
 * reports, and queues a failed flush again after a pause.
 */
final class Flushes {

    private static final Logger LOG = LoggerFactory.getLogger(Flushes.class);

    private final Catalogue catalogue;
    private final DiskCache cache;
    private final TapeLibrary library;
    private final TapePolicy policy;
    private final ScheduledExecutorService timer;

    Flushes(Catalogue catalogue, DiskCache cache, TapeLibrary library, TapePolicy policy,
            ScheduledExecutorService timer) {
        this.catalogue = catalogue;
        this.cache = cache;
        this.library = library;
        this.policy = policy;
        this.timer = timer;
    }

    void queue(CatalogueEntry entry) {
        if (entry.needsFlush()) {
            library.flush(new FlushItem(entry.id(), entry.family(), cache.fileOf(entry.id()), entry.size(),
                    entry.created(), entry.checksum("ADLER32").orElse("")));
        }
    }

    /** Queues every file a previous run left without a tape copy. */
    void resume() {
        catalogue.files().forEach(this::queue);
    }

    void cancel(long fileId) {
        library.cancelFlush(fileId);
    }

    void flushed(long fileId, TapeLocation location) {
        try {
            if (!catalogue.flushed(fileId, location)) {
                LOG.info("file {} was deleted while it was flushed; its copy at {} is unreferenced", fileId,
                        location.format());
                return;
            }
        } catch (DsiException e) {
            LOG.warn("cannot record the tape copy of {} at {}: {}", catalogue.pathOf(fileId), location.format(),
                    e.getMessage());
            retryLater(fileId);
            return;
        }
        cache.evictIfNeeded();
    }

    void failed(long fileId, String reason) {
        LOG.warn("flush of {} failed: {}; trying again in {}", catalogue.pathOf(fileId), reason, policy.flushRetry());
        retryLater(fileId);
    }

    private void retryLater(long fileId) {
        try {
            timer.schedule(() -> catalogue.byId(fileId).ifPresent(this::queue), policy.flushRetry().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the DSI is closing; the next start queues the file again
        }
    }
}
