package org.gantry.dsi.tape.internal.cache;

/** The disk cache's use, for the shell and metrics. */
public record CacheStatus(long capacity, long used, long reserved, int files, int pinned, long evictions) {
}
