package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.SiteCommand;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.gantry.dsi.tape.internal.cache.CacheSettings;
import org.gantry.dsi.tape.internal.cache.CacheStatus;
import org.gantry.dsi.tape.internal.cache.DiskCache;
import org.gantry.dsi.tape.internal.catalogue.Catalogue;
import org.gantry.dsi.tape.internal.library.Faults;
import org.gantry.dsi.tape.internal.library.LibraryListener;
import org.gantry.dsi.tape.internal.library.LibrarySettings;
import org.gantry.dsi.tape.internal.library.TapeLibrary;
import org.gantry.dsi.tape.internal.library.TapeLocation;

/**
 * A tape-HSM simulator instance: catalogue, disk cache and simulated library under one base
 * directory ({@code catalogue/}, {@code cache/}, {@code library/}). Opening it resumes what a
 * previous run left: flushes of files still on disk only, and pending recalls.
 */
public final class TapeDsi implements Dsi, LibraryListener, AutoCloseable {

    /**
     * Tape is written sequentially. Checksums: values stored at commit answer without a recall
     * (the store records ADLER32 itself when the core had none); others are computed from the
     * disk copy.
     */
    private static final DsiCapabilities CAPABILITIES = new DsiCapabilities(false, false, true, false, false, true,
            true, ChecksumAlgorithm.NAMES, false, true);

    private final String name;
    private final Catalogue catalogue;
    private final DiskCache cache;
    private final Background background;
    private final TapeLibrary library;
    private final Flushes flushes;
    private final Recalls recalls;
    private final TapeStore store;

    public TapeDsi(String name, Path base, TapePolicy policy, CacheSettings cacheSettings,
            LibrarySettings librarySettings, Faults faults, int ioThreads) throws IOException, DsiException {
        this.name = name;
        this.catalogue = Catalogue.open(base.resolve("catalogue"), policy.directoryMode());
        try {
            this.cache = new DiskCache(base.resolve("cache"), cacheSettings, catalogue);
            this.background = new Background(name, ioThreads);
            this.library = new TapeLibrary(librarySettings, base.resolve("library"), this, faults);
        } catch (IOException | DsiException | RuntimeException e) {
            catalogue.close();
            throw e;
        }
        this.recalls = new Recalls(catalogue, cache, library, policy);
        this.flushes = new Flushes(catalogue, cache, library, policy, background.timer());
        this.store = new TapeStore(catalogue, cache, flushes, recalls, policy, background);
        flushes.resume();
        recalls.resume();
    }

    public String name() {
        return name;
    }

    @Override
    public DsiCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        return CompletableFuture.completedFuture(new TapeSession(store, context));
    }

    @Override
    public List<SiteCommand> siteCommands() {
        return List.of(new StageCommand(store), new StageStatusCommand(store));
    }

    @Override
    public Map<String, Long> counters() {
        CacheStatus status = cache.status();
        return Map.of("recallsInFlight", (long) recalls.size(), "cacheUsedBytes", status.used(),
                "cacheEvictions", status.evictions());
    }

    public TapeLibrary library() {
        return library;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public DiskCache cache() {
        return cache;
    }

    Recalls recalls() {
        return recalls;
    }

    // ---- library reports

    @Override
    public void flushed(long fileId, TapeLocation location) {
        flushes.flushed(fileId, location);
    }

    @Override
    public void flushFailed(long fileId, String reason) {
        flushes.failed(fileId, reason);
    }

    @Override
    public void recalled(long fileId) {
        recalls.recalled(fileId);
    }

    @Override
    public void recallFailed(long fileId, String reason) {
        recalls.failed(fileId, reason);
    }

    @Override
    public void close() {
        library.close();
        background.close();
        try {
            catalogue.close();
        } catch (IOException e) {
            // every change was forced to disk when it was made
        }
    }
}
