package org.gantry.dsi.tape.internal.library;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A request to copy a file's tape copy back to the disk cache.
 *
 * @param fileId    the catalogue's id of the file; requests for one file are merged
 * @param location  where the copy is on tape
 * @param target    the disk-cache file to create; the library writes a temporary file next to
 *                  it and renames it into place only after the data matched {@code adler32}
 * @param adler32   the ADLER32 recorded when the file was written
 * @param requester who asked (a user name), for per-requester priority and the shell
 * @param priority  higher runs first; requests of equal priority go by age
 * @param requested when the first request for this file arrived (survives restarts)
 */
public record RecallItem(long fileId, TapeLocation location, Path target, String adler32, String requester,
        int priority, Instant requested) {
}
