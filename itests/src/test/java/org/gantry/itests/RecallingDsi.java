package org.gantry.itests;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;

/**
 * A test back-end that stores through another DSI (the real POSIX one) but declares staging and
 * takes {@link #openReadDelay} to open a file for reading, as a tape DSI recalling the file with
 * the "wait" policy does.
 */
final class RecallingDsi implements Dsi {

    private final Dsi storage;
    private final AtomicInteger opens = new AtomicInteger();
    private volatile Duration openReadDelay = Duration.ZERO;

    RecallingDsi(Dsi storage) {
        this.storage = storage;
    }

    /** The storage's capabilities, with staging. */
    @Override
    public DsiCapabilities capabilities() {
        DsiCapabilities c = storage.capabilities();
        return new DsiCapabilities(c.randomWrites(), c.append(), c.partialReads(), c.keepsPartialUploads(),
                c.symlinks(), c.permissions(), c.modificationTimes(), c.checksumAlgorithms(), c.placement(), true);
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        return storage.openSession(context).thenApply(RecallingSession::new);
    }

    void openReadDelay(Duration delay) {
        openReadDelay = delay;
    }

    /** How many files were opened for reading so far. */
    int opens() {
        return opens.get();
    }

    private final class RecallingSession extends ForwardingSession {

        RecallingSession(DsiSession storage) {
            super(storage);
        }

        @Override
        public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
            opens.incrementAndGet();
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(openReadDelay.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(v -> storage.openRead(path, request));
        }
    }
}
