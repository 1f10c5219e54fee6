package org.gantry.dsi.tape.internal.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recall requests, merged per file and grouped by cartridge. A request remembers the order it
 * arrived in ({@code sequence}) so that a mount can tell requests that were waiting for it from
 * ones that joined later. Not thread-safe: the scheduler's lock guards it.
 */
final class RecallQueue {

    /** A queued request; merging raises the priority and keeps the older request time. */
    static final class Request {
        RecallItem item;
        final long sequence;

        Request(RecallItem item, long sequence) {
            this.item = item;
            this.sequence = sequence;
        }

        String cartridge() {
            return item.location().cartridge();
        }

        long offset() {
            return item.location().offset();
        }
    }

    /** What the scheduler needs to choose a cartridge to mount. */
    record CartridgeDemand(String cartridge, int priority, Instant oldest) {
    }

    static final Comparator<CartridgeDemand> MOUNT_ORDER = Comparator.comparingInt(CartridgeDemand::priority).reversed()
            .thenComparing(CartridgeDemand::oldest);

    private final Map<Long, Request> queued = new LinkedHashMap<>();
    private final Map<Long, RecallItem> running = new HashMap<>();
    private long nextSequence;

    /** Queues a request or merges it into the queued or running one for the same file. */
    void add(RecallItem item) {
        Request existing = queued.get(item.fileId());
        if (existing != null) {
            existing.item = merge(existing.item, item);
        } else if (running.containsKey(item.fileId())) {
            running.put(item.fileId(), merge(running.get(item.fileId()), item));
        } else {
            queued.put(item.fileId(), new Request(item, nextSequence++));
        }
    }

    private static RecallItem merge(RecallItem old, RecallItem added) {
        Instant requested = old.requested().isBefore(added.requested()) ? old.requested() : added.requested();
        return new RecallItem(old.fileId(), old.location(), old.target(), old.adler32(),
                added.priority() > old.priority() ? added.requester() : old.requester(),
                Math.max(old.priority(), added.priority()), requested);
    }

    /** The sequence number the next request will get. */
    long nextSequence() {
        return nextSequence;
    }

    boolean remove(long fileId) {
        return queued.remove(fileId) != null;
    }

    /** Moves a queued request to running; @return its (merged) item. */
    RecallItem start(long fileId) {
        RecallItem item = queued.remove(fileId).item;
        running.put(fileId, item);
        return item;
    }

    void finished(long fileId) {
        running.remove(fileId);
    }

    List<Request> queuedFor(String cartridge) {
        return queued.values().stream().filter(r -> r.cartridge().equals(cartridge)).toList();
    }

    /** Queued requests for cartridges matching none of {@code excluded}. */
    boolean hasQueuedOutside(Set<String> excluded) {
        return queued.values().stream().anyMatch(r -> !excluded.contains(r.cartridge()));
    }

    List<CartridgeDemand> demand() {
        Map<String, CartridgeDemand> byCartridge = new HashMap<>();
        for (Request r : queued.values()) {
            byCartridge.merge(r.cartridge(), new CartridgeDemand(r.cartridge(), r.item.priority(), r.item.requested()),
                    (a, b) -> new CartridgeDemand(a.cartridge(), Math.max(a.priority(), b.priority()),
                            a.oldest().isBefore(b.oldest()) ? a.oldest() : b.oldest()));
        }
        List<CartridgeDemand> result = new ArrayList<>(byCartridge.values());
        result.sort(MOUNT_ORDER);
        return result;
    }

    /** Removes and returns every queued request for a cartridge (to fail them). */
    List<RecallItem> drain(String cartridge) {
        List<RecallItem> drained = new ArrayList<>();
        queued.values().removeIf(r -> {
            if (r.cartridge().equals(cartridge)) {
                drained.add(r.item);
                return true;
            }
            return false;
        });
        return drained;
    }

    List<LibraryStatus.QueuedRecall> snapshot(SimClock clock) {
        return queued.values().stream().map(r -> new LibraryStatus.QueuedRecall(r.item.fileId(), r.cartridge(),
                r.item.requester(), r.item.priority(), clock.simulatedSince(r.item.requested()))).toList();
    }
}
