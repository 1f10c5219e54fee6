package org.gantry.dsi.s3.internal;

import java.nio.ByteBuffer;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts the blocks of one upload into its parts: part {@code n} holds file bytes
 * {@code [(n-1)·partSize, n·partSize)}, blocks land at their offsets in any order. At most
 * {@code maxParts} parts are in memory; when the caller allows it, a block whose part has no room
 * goes to disk ({@link SpilledParts}) and comes back when its part gets room. Each part is handed to
 * {@code complete} once it holds all its bytes. A full first part is held back until the file
 * proves larger: up to one part, an upload is a single PUT. Confined to the upload's lock.
 */
final class PartAssembly {

    private final long partSize;
    private final int maxParts;
    private final SpilledParts spilled;
    private final S3Counters counters;
    private final Consumer<UploadPart> complete;
    private final TreeMap<Integer, UploadPart> inMemory = new TreeMap<>();
    private boolean beyondFirstPart;
    /** The file's size once known (commit), else -1. */
    private long size = -1;

    PartAssembly(long partSize, int maxParts, SpilledParts spilled, S3Counters counters,
            Consumer<UploadPart> complete) {
        this.partSize = partSize;
        this.maxParts = maxParts;
        this.spilled = spilled;
        this.counters = counters;
        this.complete = complete;
    }

    /**
     * Copies {@code [position, position+remaining)} into memory, or, if {@code maySpill}, what has
     * no room there onto disk; false, with nothing taken, if that is not possible.
     */
    boolean place(ByteBuffer source, long position, boolean maySpill) {
        int length = source.remaining();
        int first = partIndex(position);
        int last = partIndex(position + length - 1);
        int room = maxParts - inMemory.size();
        long toDisk = 0;
        for (int n = first; n <= last; n++) {
            if (!inMemory.containsKey(n) && room-- <= 0) {
                toDisk += segment(n, position, length);
            }
        }
        if (toDisk > 0 && (!maySpill || !spilled.canTake(toDisk))) {
            return false;
        }
        if (position + length > partSize && !beyondFirstPart) {
            beyondFirstPart = true;
            UploadPart firstPart = inMemory.get(1);
            if (firstPart != null && firstPart.isFull()) {
                complete.accept(firstPart);
            }
        }
        for (int n = first; n <= last; n++) {
            long from = Math.max(position, start(n));
            int count = (int) segment(n, position, length);
            ByteBuffer slice = source.slice(source.position() + (int) (from - position), count);
            UploadPart part = inMemory.containsKey(n) || inMemory.size() < maxParts ? bringIn(n) : null;
            if (part != null) {
                fill(part, slice, from);
            } else {
                spilled.offer(n, slice, from);
                counters.spilled(count);
            }
        }
        source.position(source.limit());
        return true;
    }

    /** Gives back an uploaded part's memory and lets spilled parts in. */
    void release(UploadPart part) {
        if (inMemory.remove(part.number) != null) {
            counters.buffers(-part.capacity());
        }
        bringInSpilled();
    }

    /** The upload is complete at {@code fileSize} bytes: parts holding all their bytes are handed on. */
    void finish(long fileSize) {
        size = fileSize;
        bringInSpilled();
        inMemory.values().stream().filter(this::holdsAllItsBytes).toList().forEach(complete);
    }

    /** Whether every byte has gone to a part that was handed on and released. */
    boolean drained() {
        return inMemory.isEmpty() && spilled.isEmpty();
    }

    /** Part 1 when nothing else was ever written (a single-PUT file), else null. */
    UploadPart onlyPart() {
        return beyondFirstPart || !spilled.isEmpty() ? null : inMemory.get(1);
    }

    /** Frees memory and disk of an upload that ends without its parts. */
    void discard() {
        inMemory.values().forEach(p -> counters.buffers(-p.capacity()));
        inMemory.clear();
        spilled.close();
    }

    private void bringInSpilled() {
        for (int n : spilled.partNumbers()) {
            if (inMemory.size() >= maxParts) {
                return;
            }
            bringIn(n);
        }
    }

    /** The part in memory, made (with what was spilled of it) if it was not. */
    private UploadPart bringIn(int n) {
        UploadPart part = inMemory.get(n);
        if (part == null) {
            UploadPart made = new UploadPart(n, start(n), (int) partSize);
            inMemory.put(n, made);
            spilled.drain(n, (block, position) -> fill(made, block, position));
            part = made;
        }
        return part;
    }

    private void fill(UploadPart part, ByteBuffer block, long position) {
        counters.buffers(part.fill(block, position, block.remaining()));
        if (part.isFull() && (part.number > 1 || beyondFirstPart) || size >= 0 && holdsAllItsBytes(part)) {
            complete.accept(part);
        }
    }

    private boolean holdsAllItsBytes(UploadPart part) {
        long expected = size >= 0 ? Math.min(partSize, size - part.start) : partSize;
        return part.filled() == expected;
    }

    private long segment(int n, long position, int length) {
        return Math.min(position + length, start(n) + partSize) - Math.max(position, start(n));
    }

    private long start(int n) {
        return (n - 1) * partSize;
    }

    int partIndex(long offset) {
        return (int) (offset / partSize) + 1;
    }
}
