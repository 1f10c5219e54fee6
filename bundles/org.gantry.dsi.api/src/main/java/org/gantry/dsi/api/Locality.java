package org.gantry.dsi.api;

/** Where a file's data is, in the WLCG tape vocabulary. */
public enum Locality {
    /** On disk only. */
    ONLINE,
    /** On tape only: must be staged before it can be read. */
    NEARLINE,
    /** On disk and on tape. */
    ONLINE_AND_NEARLINE,
    /** Lost from every medium. */
    LOST,
    /** Temporarily unavailable. */
    UNAVAILABLE,
    /** Has no data (e.g. a directory). */
    NONE
}
