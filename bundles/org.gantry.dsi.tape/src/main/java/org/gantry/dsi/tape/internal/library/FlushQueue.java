package org.gantry.dsi.tape.internal.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Files waiting to be flushed, per family in creation order, with the batching rule: a family is
 * ready once its oldest file is old enough or it has enough bytes or files; once its batch has
 * started it stays ready until its queue is empty. Not thread-safe: the scheduler's lock guards it.
 */
final class FlushQueue {

    private static final Comparator<FlushItem> CREATION_ORDER =
            Comparator.comparing(FlushItem::created).thenComparingLong(FlushItem::fileId);

    private final Map<String, TreeSet<FlushItem>> byFamily = new HashMap<>();
    private final Map<Long, FlushItem> byId = new HashMap<>();
    private final Map<String, Long> bytes = new HashMap<>();
    private final Set<String> started = new HashSet<>();

    /** @return false if the file is queued already */
    boolean add(FlushItem item) {
        if (byId.putIfAbsent(item.fileId(), item) != null) {
            return false;
        }
        byFamily.computeIfAbsent(item.family(), f -> new TreeSet<>(CREATION_ORDER)).add(item);
        bytes.merge(item.family(), item.size(), Long::sum);
        return true;
    }

    boolean contains(long fileId) {
        return byId.containsKey(fileId);
    }

    /** Removes a queued file; @return whether it was queued. */
    boolean remove(long fileId) {
        FlushItem item = byId.remove(fileId);
        if (item == null) {
            return false;
        }
        TreeSet<FlushItem> family = byFamily.get(item.family());
        family.remove(item);
        bytes.merge(item.family(), -item.size(), Long::sum);
        if (family.isEmpty()) {
            byFamily.remove(item.family());
            bytes.remove(item.family());
            started.remove(item.family());
        }
        return true;
    }

    Set<String> families() {
        return Set.copyOf(byFamily.keySet());
    }

    List<FlushItem> items(String family) {
        return new ArrayList<>(byFamily.getOrDefault(family, new TreeSet<>(CREATION_ORDER)));
    }

    Optional<FlushItem> oldest(String family) {
        TreeSet<FlushItem> items = byFamily.get(family);
        return items == null ? Optional.empty() : Optional.of(items.first());
    }

    void markStarted(String family) {
        if (byFamily.containsKey(family)) {
            started.add(family);
        }
    }

    boolean ready(String family, LibrarySettings settings, SimClock clock) {
        TreeSet<FlushItem> items = byFamily.get(family);
        return items != null && (started.contains(family) || items.size() >= settings.flushBatchFiles()
                || bytes.get(family) >= settings.flushBatchBytes()
                || clock.simulatedSince(items.first().created()).compareTo(settings.flushMinAge()) >= 0);
    }

    /** When a family that is not ready yet becomes ready by age. */
    Optional<Instant> readyByAgeAt(String family, LibrarySettings settings, SimClock clock) {
        return oldest(family).map(item -> clock.after(item.created(), settings.flushMinAge()));
    }

    List<LibraryStatus.QueuedFlush> snapshot(SimClock clock) {
        return byId.values().stream().sorted(CREATION_ORDER)
                .map(i -> new LibraryStatus.QueuedFlush(i.fileId(), i.family(), i.size(), clock.simulatedSince(i.created())))
                .toList();
    }
}
