package org.gantry.dsi.api;

import java.util.List;

/**
 * What the core knows about a complete upload when it commits it.
 *
 * @param size      the file's final size in bytes
 * @param checksums checksums of the whole file computed while the data flowed (may be empty); a
 *                  back-end should store them with the file, replacing what it stored before, so
 *                  that CKSM can answer without reading the data again. Checksums stored for
 *                  the file's previous content must not survive the commit.
 */
public record CommitInfo(long size, List<Checksum> checksums) {

    public CommitInfo {
        checksums = List.copyOf(checksums);
    }
}
