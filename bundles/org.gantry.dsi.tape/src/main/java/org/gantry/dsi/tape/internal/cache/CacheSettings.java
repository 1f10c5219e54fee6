package org.gantry.dsi.tape.internal.cache;

/**
 * The disk cache's size and eviction thresholds, in bytes.
 *
 * @param capacity      the most the cache may hold (copies, uploads and recalls in progress)
 * @param highWatermark above this, copies already on tape are evicted ...
 * @param lowWatermark  ... until use is down to this
 */
public record CacheSettings(long capacity, long highWatermark, long lowWatermark) {

    public CacheSettings {
        if (capacity < 1 || lowWatermark < 0 || lowWatermark > highWatermark || highWatermark > capacity) {
            throw new IllegalArgumentException("disk cache needs 0 <= low <= high <= capacity, got " + lowWatermark
                    + " <= " + highWatermark + " <= " + capacity);
        }
    }

    /** Watermarks as fractions of the capacity. */
    public static CacheSettings of(long capacity, double high, double low) {
        return new CacheSettings(capacity, (long) (capacity * high), (long) (capacity * low));
    }
}
