package org.gantry.dsi.api;

import java.util.List;

/**
 * What the core is about to read: absolute byte ranges (REST and ERET already resolved). A
 * back-end may use them to stage or prefetch exactly that data.
 *
 * @param ranges sorted, non-overlapping ranges; {@link ByteRange#TO_END} as the end of the last
 *               one means "to the end of the file"
 */
public record ReadRequest(List<ByteRange> ranges) {

    public ReadRequest {
        ranges = List.copyOf(ranges);
    }

    /** The whole file. */
    public static ReadRequest whole() {
        return new ReadRequest(List.of(new ByteRange(0, ByteRange.TO_END)));
    }
}
