package org.gantry.core.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.support.RangeSet;

/**
 * What a REST command said is already transferred: a stream-mode offset ({@code REST 1000} =
 * bytes [0, 1000) are done) or GridFTP range markers fed back ({@code REST 0-500,800-900}, ends
 * exclusive, as in the 111 markers). Offsets are those of the transfer (relative to an ERET or
 * ESTO offset).
 */
public record Restart(List<ByteRange> done) {

    public static final Restart NONE = new Restart(List.of());

    public Restart {
        RangeSet merged = new RangeSet();
        done.forEach(r -> merged.add(r.start(), r.end()));
        done = merged.toList();
    }

    public static Restart offset(long n) {
        return n == 0 ? NONE : new Restart(List.of(new ByteRange(0, n)));
    }

    /**
     * Parses a REST argument: a decimal offset or a comma-separated list of {@code start-end}.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static Restart parse(String argument) {
        String text = argument.trim();
        if (text.matches("\\d{1,19}")) {
            return offset(Long.parseLong(text));
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] ends = p.split("-", -1);
            if (ends.length != 2 || !ends[0].trim().matches("\\d{1,19}") || !ends[1].trim().matches("\\d{1,19}")) {
                throw new IllegalArgumentException("bad restart range " + p);
            }
            long start = Long.parseLong(ends[0].trim());
            long end = Long.parseLong(ends[1].trim());
            if (end < start) {
                throw new IllegalArgumentException("restart range ends before it starts: " + p);
            }
            ranges.add(new ByteRange(start, end));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no restart ranges");
        }
        return new Restart(ranges);
    }

    public boolean isNone() {
        return done.isEmpty();
    }

    /** The parts of {@code [0, end)} still to transfer; {@code end} may be {@link ByteRange#TO_END}. */
    public List<ByteRange> toTransfer(long end) {
        RangeSet set = new RangeSet();
        done.forEach(r -> set.add(r.start(), r.end()));
        return set.complement(0, end);
    }

    /** The stream-mode offset if what is done is exactly {@code [0, n)} (or nothing). */
    public OptionalLong streamOffset() {
        if (done.isEmpty()) {
            return OptionalLong.of(0);
        }
        if (done.size() == 1 && done.get(0).start() == 0) {
            return OptionalLong.of(done.get(0).end());
        }
        return OptionalLong.empty();
    }
}
