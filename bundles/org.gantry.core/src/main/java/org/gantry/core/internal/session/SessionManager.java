package org.gantry.core.internal.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gantry.core.admin.SessionInfo;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.core.internal.storage.DsiListener;

import io.netty.channel.Channel;

/** All live sessions: creation within the session limit, the admin view, and DSI departures. */
public final class SessionManager implements DsiListener {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

    /** A new session for a control connection, or null if {@code maxSessions} are open already. */
    public synchronized Session create(Channel control, ServerContext server) {
        if (sessions.size() >= server.currentOptions().maxSessions()) {
            return null;
        }
        Session s = new Session(ids.incrementAndGet(), control, server);
        sessions.put(s.id(), s);
        return s;
    }

    void remove(Session s) {
        sessions.remove(s.id(), s);
    }

    public int count() {
        return sessions.size();
    }

    public List<SessionInfo> infos() {
        return sessions.values().stream().map(Session::info)
                .sorted(Comparator.comparingLong(SessionInfo::id)).toList();
    }

    /** Aborts the session's transfers and closes it. */
    public boolean kill(long id) {
        Session s = sessions.get(id);
        if (s == null) {
            return false;
        }
        abortTransfers(s);
        s.close(Replies.KILLED);
        return true;
    }

    /** Closes every session (server shutdown); completes when their transfers have stopped. */
    public CompletableFuture<Void> closeAll(Reply farewell) {
        List<CompletableFuture<?>> stopping = new ArrayList<>();
        for (Session s : sessions.values()) {
            s.transfersInFlight().forEach(t -> stopping.add(t.finished().toCompletableFuture().exceptionally(e -> null)));
            abortTransfers(s);
            s.close(farewell);
        }
        return CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new));
    }

    /**
     * Ends the session's transfers as interrupted, not as a client's ABOR: an interrupted MODE E
     * upload is kept so that the client's retry can resume it.
     */
    private static void abortTransfers(Session s) {
        s.transfersInFlight().forEach(t -> t.abort(new FtpReplyException(Replies.TRANSFER_INTERRUPTED)));
    }

    @Override
    public void dsiRemoved(DsiEntry entry) {
        sessions.values().forEach(s -> s.dsiSessions().drop(entry));
    }
}
