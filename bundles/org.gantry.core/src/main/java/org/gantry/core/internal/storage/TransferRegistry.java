package org.gantry.core.internal.storage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The transfers in flight on each DSI, so they can be counted and aborted when it goes away. */
public final class TransferRegistry {

    private final Map<DsiEntry, Set<Abortable>> active = new ConcurrentHashMap<>();

    /** Records a transfer on a DSI until the returned registration is closed. */
    public Registration register(DsiEntry entry, Abortable transfer) {
        active.computeIfAbsent(entry, e -> ConcurrentHashMap.newKeySet()).add(transfer);
        return () -> active.computeIfPresent(entry, (e, set) -> {
            set.remove(transfer);
            return set.isEmpty() ? null : set;
        });
    }

    public int count(DsiEntry entry) {
        Set<Abortable> set = active.get(entry);
        return set == null ? 0 : set.size();
    }

    /** Aborts every transfer on the DSI; the stages complete when each has stopped. */
    public List<CompletionStage<?>> abortAll(DsiEntry entry, Throwable cause) {
        Set<Abortable> set = active.get(entry);
        if (set == null) {
            return List.of();
        }
        List<Abortable> snapshot = List.copyOf(set);
        snapshot.forEach(t -> t.abort(cause));
        return snapshot.stream().<CompletionStage<?>>map(Abortable::finished).toList();
    }

    /** Ends one registration; idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
