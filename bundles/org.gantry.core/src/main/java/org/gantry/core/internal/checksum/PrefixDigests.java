package org.gantry.core.internal.checksum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.support.ChecksumAlgorithm;

import io.netty.buffer.ByteBuf;

/**
 * Digests that need their input in order (MD5, the SHAs), fed from blocks in any order: a block
 * that continues the contiguous prefix is digested at once, together with the copied blocks
 * waiting right behind it; a block further ahead is copied into a side buffer of bounded size.
 * When a block would overflow the buffer, or blocks overlap, the digests are given up: they are
 * then simply not stored, and nothing is read back from storage for them.
 */
final class PrefixDigests {

    private final Map<String, ChecksumAlgorithm.Calculator> calculators;
    private final long capacity;
    private final TreeMap<Long, ByteBuf> ahead = new TreeMap<>();
    private long aheadBytes;
    private long peakAheadBytes;
    private long prefix;
    private String givenUp;

    /**
     * @param calculators the digests by wire token
     * @param capacity    the most bytes the side buffer may hold
     */
    PrefixDigests(Map<String, ChecksumAlgorithm.Calculator> calculators, long capacity) {
        this.calculators = calculators;
        this.capacity = capacity;
    }

    /** Takes the readable bytes of {@code data} (not its ownership) at file offset {@code offset}. */
    void add(long offset, ByteBuf data) {
        if (givenUp != null) {
            return;
        }
        int length = data.readableBytes();
        if (offset == prefix) {
            digest(data);
            drain();
        } else if (offset < prefix || ahead.containsKey(offset)) {
            giveUp("blocks overlap at offset " + offset);
        } else if (aheadBytes + length > capacity) {
            giveUp("more than " + capacity + " bytes arrived ahead of byte " + prefix);
        } else {
            ByteBuf copy = data.alloc().directBuffer(length, length);
            copy.writeBytes(data, data.readerIndex(), length);
            ahead.put(offset, copy);
            aheadBytes += length;
            peakAheadBytes = Math.max(peakAheadBytes, aheadBytes);
        }
    }

    /** The digests over {@code [0, size)}, or none if they were given up or data is missing. */
    List<Checksum> finish(long size) {
        List<Checksum> values = new ArrayList<>();
        if (givenUp == null && prefix == size && ahead.isEmpty()) {
            calculators.forEach((token, calculator) -> values.add(new Checksum(token, calculator.value())));
        }
        release();
        return values;
    }

    /** Why the digests were given up, or null. */
    String givenUp() {
        return givenUp;
    }

    long peakAheadBytes() {
        return peakAheadBytes;
    }

    /** Frees the side buffer. */
    void release() {
        ahead.values().forEach(ByteBuf::release);
        ahead.clear();
        aheadBytes = 0;
    }

    private void digest(ByteBuf data) {
        for (ChecksumAlgorithm.Calculator calculator : calculators.values()) {
            calculator.update(data.nioBuffer());
        }
        prefix += data.readableBytes();
    }

    private void drain() {
        Map.Entry<Long, ByteBuf> next;
        while ((next = ahead.firstEntry()) != null && next.getKey() <= prefix) {
            ahead.pollFirstEntry();
            ByteBuf data = next.getValue();
            aheadBytes -= data.readableBytes();
            try {
                if (next.getKey() < prefix) {
                    giveUp("blocks overlap at offset " + next.getKey());
                    return;
                }
                digest(data);
            } finally {
                data.release();
            }
        }
    }

    private void giveUp(String reason) {
        givenUp = reason;
        release();
    }
}
