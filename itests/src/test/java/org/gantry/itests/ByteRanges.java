package org.gantry.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A set of byte ranges {@code [start, end)}, kept sorted and merged: what {@code REST a-b,c-d}
 * and {@code 111 Range Marker} lines talk about (end exclusive, as GCT prints and parses them).
 * Mutable; not thread-safe.
 */
final class ByteRanges {

    /** One range, end exclusive. */
    record Range(long start, long end) {

        long length() {
            return end - start;
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    private final TreeMap<Long, Long> ends = new TreeMap<>();

    /** Pairs of start, end. */
    static ByteRanges of(long... startEndPairs) {
        if (startEndPairs.length % 2 != 0) {
            throw new IllegalArgumentException("start/end pairs expected");
        }
        ByteRanges ranges = new ByteRanges();
        for (int i = 0; i < startEndPairs.length; i += 2) {
            ranges.add(startEndPairs[i], startEndPairs[i + 1]);
        }
        return ranges;
    }

    /** Parses {@code a-b[,c-d]...}; fails on anything else (a reversed range included). */
    static ByteRanges parse(String list) {
        ByteRanges ranges = new ByteRanges();
        for (String part : list.trim().split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new AssertionError("not a range list: '" + list + "'");
            }
            long start = Long.parseLong(bounds[0].trim());
            long end = Long.parseLong(bounds[1].trim());
            if (end < start) {
                throw new AssertionError("reversed range " + part + " in '" + list + "'");
            }
            ranges.add(start, end);
        }
        return ranges;
    }

    ByteRanges copy() {
        ByteRanges copy = new ByteRanges();
        copy.ends.putAll(ends);
        return copy;
    }

    /** Adds {@code [start, end)}, merging with touching or overlapping ranges. */
    ByteRanges add(long start, long end) {
        if (end <= start) {
            return this;
        }
        Map.Entry<Long, Long> before = ends.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ends.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ends.remove(next.getKey());
            next = ends.ceilingEntry(start);
        }
        ends.put(start, end);
        return this;
    }

    ByteRanges addAll(ByteRanges other) {
        other.ends.forEach(this::add);
        return this;
    }

    /** True if every byte of {@code other} is in this set. */
    boolean containsAll(ByteRanges other) {
        for (Map.Entry<Long, Long> range : other.ends.entrySet()) {
            Map.Entry<Long, Long> cover = ends.floorEntry(range.getKey());
            if (cover == null || cover.getValue() < range.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0, size)} minus this set. */
    ByteRanges complement(long size) {
        ByteRanges rest = new ByteRanges();
        long at = 0;
        for (Map.Entry<Long, Long> range : ends.entrySet()) {
            rest.add(at, Math.min(range.getKey(), size));
            at = Math.max(at, range.getValue());
        }
        rest.add(at, size);
        return rest;
    }

    /** Number of bytes in the set. */
    long length() {
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).sum();
    }

    boolean isEmpty() {
        return ends.isEmpty();
    }

    List<Range> list() {
        List<Range> list = new ArrayList<>();
        ends.forEach((start, end) -> list.add(new Range(start, end)));
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRanges other && ends.equals(other.ends);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ends);
    }

    /** The {@code a-b,c-d} form REST takes; empty string for an empty set. */
    @Override
    public String toString() {
        return String.join(",", list().stream().map(Range::toString).toList());
    }
}
