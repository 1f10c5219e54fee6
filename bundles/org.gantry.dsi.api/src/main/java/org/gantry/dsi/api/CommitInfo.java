package org.gantry.dsi.api;

import java.util.List;

/**
 * What the core knows about a complete upload when it commits it.
 *
 * @param size      the file's final size in bytes
 * @param checksums checksums computed while the data flowed (may be empty); a back-end should
 *                  store them so that CKSM can answer without reading the data again
 */
public record CommitInfo(long size, List<Checksum> checksums) {

    public CommitInfo {
        checksums = List.copyOf(checksums);
    }
}
