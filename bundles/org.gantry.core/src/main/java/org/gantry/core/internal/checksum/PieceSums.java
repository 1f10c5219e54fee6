package org.gantry.core.internal.checksum;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.support.CombinableChecksum;

/**
 * A 32-bit checksum (ADLER32, CRC32, CRC32C) of data that arrives in pieces in any order: each
 * piece is summed on its own and joined with its neighbours as soon as they are known, so only
 * the runs not yet joined are kept (few, as blocks arrive roughly in order).
 */
final class PieceSums {

    private record Piece(long end, long value) {
    }

    private final CombinableChecksum algorithm;
    private final Map<Long, Piece> byStart = new HashMap<>();
    private final Map<Long, Long> startByEnd = new HashMap<>();

    PieceSums(CombinableChecksum algorithm) {
        this.algorithm = algorithm;
    }

    String token() {
        return algorithm.name();
    }

    /** Sums the remaining bytes of {@code data}, which belong at file offset {@code offset}. */
    void add(long offset, ByteBuffer data) {
        long start = offset;
        long end = offset + data.remaining();
        long value = algorithm.of(data);
        Long before = startByEnd.remove(start);
        if (before != null) {
            Piece previous = byStart.remove(before);
            value = algorithm.combine(previous.value(), value, end - start);
            start = before;
        }
        Piece next = byStart.remove(end);
        if (next != null) {
            startByEnd.remove(next.end());
            value = algorithm.combine(value, next.value(), next.end() - end);
            end = next.end();
        }
        byStart.put(start, new Piece(end, value));
        startByEnd.put(end, start);
    }

    /** The value over {@code [0, size)}, or empty if the pieces do not make up exactly that. */
    Optional<String> finish(long size) {
        if (size == 0 && byStart.isEmpty()) {
            return Optional.of(CombinableChecksum.hex(algorithm.empty()));
        }
        Piece whole = byStart.get(0L);
        if (byStart.size() != 1 || whole == null || whole.end() != size) {
            return Optional.empty();
        }
        return Optional.of(CombinableChecksum.hex(whole.value()));
    }
}
