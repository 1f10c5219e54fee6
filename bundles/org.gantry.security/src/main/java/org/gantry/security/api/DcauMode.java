package org.gantry.security.api;

/** Data channel authentication as the client chose it with {@code DCAU} (protocol.md §4.8). */
public enum DcauMode {
    /** {@code DCAU N}: data connections are not authenticated. */
    NONE,
    /** {@code DCAU A}: the peer must authenticate as the session's own identity. */
    SELF,
    /** {@code DCAU S <subject>}: the peer must authenticate as the given subject. */
    SUBJECT
}
