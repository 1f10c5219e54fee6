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

    /** The ranges, sorted and merged. */
    public synchronized List<ByteRange> toList() {
        List<ByteRange> list = new ArrayList<>(ranges.size());
        ranges.forEach((start, end) -> list.add(new ByteRange(start, end)));
        return List.copyOf(list);
    }
}
