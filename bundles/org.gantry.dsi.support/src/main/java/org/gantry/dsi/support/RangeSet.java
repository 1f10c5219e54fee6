package org.gantry.dsi.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gantry.dsi.api.ByteRange;

/** Half-open byte ranges, kept sorted and merged (touching ranges join); thread-safe. */
public final class RangeSet {

    /** start -> end of each disjoint, non-touching range. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Adds {@code [start, end)}; empty ranges are ignored. */
    public synchronized void add(long start, long end) {
        if (end <= start) {
            return;
        }
        long mergedStart = start;
        long mergedEnd = end;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            mergedStart = before.getKey();
            mergedEnd = Math.max(mergedEnd, before.getValue());
        }
        // Swallow every range that starts inside (or right at the end of) the new one.
        Map.Entry<Long, Long> next = ranges.ceilingEntry(mergedStart);
        while (next != null && next.getKey() <= mergedEnd) {
            mergedEnd = Math.max(mergedEnd, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(mergedStart);
        }
        ranges.put(mergedStart, mergedEnd);
    }

    /** Whether any byte of {@code [start, end)} is in the set. */
    public synchronized boolean intersects(long start, long end) {
        if (end <= start) {
            return false;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() > start) {
            return true;
        }
        Long next = ranges.ceilingKey(start);
        return next != null && next < end;
    }

    /** Whether every byte of {@code [start, end)} is in the set (an empty range always is). */
    public synchronized boolean covers(long start, long end) {
        if (end <= start) {
            return true;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        return before != null && before.getValue() >= end;
    }

    /** The end of the range that starts at 0, or 0 if byte 0 is missing. */
    public synchronized long contiguousPrefix() {
        Long end = ranges.get(0L);
        return end == null ? 0 : end;
    }

    /** One past the highest byte in the set, or 0 if it is empty. */
    public synchronized long highestEnd() {
        return ranges.isEmpty() ? 0 : ranges.lastEntry().getValue();
    }

    /** Whether the set is exactly one range {@code [0, end)} (or empty and end is 0). */
    public synchronized boolean isExactly(long end) {
        return end == 0 ? ranges.isEmpty() : ranges.size() == 1 && contiguousPrefix() == end;
    }

    /**
     * The parts of {@code [start, end)} not in the set, in order; {@code end} may be
     * {@link ByteRange#TO_END}.
     */
    public synchronized List<ByteRange> complement(long start, long end) {
        List<ByteRange> gaps = new ArrayList<>();
        long at = start;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            if (r.getValue() <= at) {
                continue;
            }
            if (r.getKey() >= end) {
                break;
            }
            if (r.getKey() > at) {
                gaps.add(new ByteRange(at, r.getKey()));
            }
            at = Math.max(at, r.getValue());
        }
        if (at < end) {
            gaps.add(new ByteRange(at, end));
        }
        return List.copyOf(gaps);
    }

    /** The ranges, sorted and merged. */
    public synchronized List<ByteRange> toList() {
        List<ByteRange> list = new ArrayList<>(ranges.size());
        ranges.forEach((start, end) -> list.add(new ByteRange(start, end)));
        return List.copyOf(list);
    }
}
