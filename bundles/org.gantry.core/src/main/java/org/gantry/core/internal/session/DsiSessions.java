package org.gantry.core.internal.session;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One control connection's sessions with the DSIs it used, opened lazily, one per DSI instance. */
public final class DsiSessions {

    private static final Logger LOG = LoggerFactory.getLogger(DsiSessions.class);

    private final Map<DsiEntry, CompletableFuture<DsiSession>> open = new ConcurrentHashMap<>();
    private final Supplier<SessionContext> context;
    private volatile boolean closed;

    public DsiSessions(Supplier<SessionContext> context) {
        this.context = context;
    }

    /** The session with this DSI, opening it on first use; a failed open is retried next time. */
    public CompletionStage<DsiSession> get(DsiEntry entry) {
        if (closed) {
            return CompletableFuture.failedFuture(new StorageUnavailableException(entry.name()));
        }
        CompletableFuture<DsiSession> session = open.computeIfAbsent(entry, this::openSession);
        session.whenComplete((s, t) -> {
            if (t != null) {
                open.remove(entry, session);
            }
        });
        return session;
    }

    private CompletableFuture<DsiSession> openSession(DsiEntry entry) {
        try {
            return entry.dsi().openSession(context.get()).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Forgets and closes the session with a DSI that went away. */
    public void drop(DsiEntry entry) {
        CompletableFuture<DsiSession> session = open.remove(entry);
        if (session != null) {
            session.thenAccept(DsiSessions::closeQuietly);
        }
    }

    /** Closes all; later calls to {@link #get} fail. */
    public void closeAll() {
        closed = true;
        open.keySet().forEach(this::drop);
    }

    private static void closeQuietly(DsiSession s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing a DSI session failed", e);
        }
    }
}
