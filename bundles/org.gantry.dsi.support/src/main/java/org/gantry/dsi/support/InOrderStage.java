package org.gantry.dsi.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gantry.dsi.api.ByteRange;

/**
 * The reorder stage in front of a back-end that takes writes only in ascending offset order, one
 * at a time ({@code DsiCapabilities.randomWrites() == false}): pieces may be added in any order;
 * {@link #poll()} hands out a piece only when it starts exactly where the data written so far
 * ends (ranges already stored are skipped), and nothing more until {@link #written()} reports it
 * done. It holds pieces but sets no bound on them: the caller decides how far ahead of a gap it
 * lets data pile up. Not thread-safe; confine it to one thread or lock around it.
 *
 * @param <T> what a piece carries (a buffer, or a write waiting to be issued)
 */
public final class InOrderStage<T> {

    private record Piece<T>(long end, T item) {
    }

    /** Offset of the next byte the back-end expects while no write is out. */
    private static final long WRITE_OUT = Long.MAX_VALUE;

    private final TreeMap<Long, Piece<T>> waiting = new TreeMap<>();
    private final List<ByteRange> present;
    private long next;
    private long endOfWriteOut;

    /**
     * @param start   the offset of the first byte to write
     * @param present ranges the back-end already holds, which are never expected again
     */
    public InOrderStage(long start, List<ByteRange> present) {
        this.present = List.copyOf(present);
        this.next = skipPresent(start);
    }

    /** Holds {@code item}, covering {@code [offset, offset + length)}, until it is its turn. */
    public void add(long offset, long length, T item) {
        if (waiting.containsKey(offset)) {
            throw new IllegalArgumentException("a piece at offset " + offset + " is already waiting");
        }
        waiting.put(offset, new Piece<>(offset + length, item));
    }

    /**
     * The piece that may be written now, or null if the next one has not arrived or a write is
     * still out. The caller must call {@link #written()} when its write has finished.
     */
    public T poll() {
        Map.Entry<Long, Piece<T>> first = waiting.firstEntry();
        if (first == null || first.getKey() != next) {
            return null;
        }
        waiting.pollFirstEntry();
        endOfWriteOut = first.getValue().end();
        next = WRITE_OUT;
        return first.getValue().item();
    }

    /** Reports that the piece last handed out by {@link #poll()} is written. */
    public void written() {
        if (next != WRITE_OUT) {
            throw new IllegalStateException("no write is out");
        }
        next = skipPresent(endOfWriteOut);
    }

    /** Whether pieces wait only because an earlier one has not arrived yet. */
    public boolean waitingForGap() {
        return !waiting.isEmpty() && next != WRITE_OUT && waiting.firstKey() != next;
    }

    /** The offset the next written piece must start at, or -1 while a write is out. */
    public long nextOffset() {
        return next == WRITE_OUT ? -1 : next;
    }

    public int size() {
        return waiting.size();
    }

    public boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Removes and returns every waiting piece, lowest offset first (to release or fail them). */
    public List<T> drain() {
        List<T> items = new ArrayList<>(waiting.size());
        waiting.values().forEach(p -> items.add(p.item()));
        waiting.clear();
        return items;
    }

    private long skipPresent(long at) {
        for (ByteRange r : present) {
            if (r.start() <= at && r.end() > at) {
                at = r.end();
            }
        }
        return at;
    }
}
