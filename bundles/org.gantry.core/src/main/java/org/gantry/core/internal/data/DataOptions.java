package org.gantry.core.internal.data;

import java.time.Duration;

/**
 * Per-transfer settings of the data connections.
 *
 * @param timeout      how long to wait for a connection
 * @param parallelism  MODE E connections per stripe when sending ({@code OPTS RETR Parallelism})
 * @param socketBuffer TCP buffer size from SBUF / SITE *BUFSIZE, or 0 for the system's
 */
public record DataOptions(Duration timeout, int parallelism, int socketBuffer) {
}
