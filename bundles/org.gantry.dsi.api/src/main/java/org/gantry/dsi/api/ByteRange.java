package org.gantry.dsi.api;

/**
 * A half-open byte range {@code [start, end)}, the convention of GridFTP range markers.
 *
 * @param start first byte
 * @param end   one past the last byte, or {@link #TO_END}
 */
public record ByteRange(long start, long end) {

    /** An end meaning "to the end of the file". */
    public static final long TO_END = Long.MAX_VALUE;

    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + "-" + end);
        }
    }

    public long length() {
        return end - start;
    }
}
