package org.gantry.core.internal.checksum;

import java.util.Set;

/**
 * How uploads are checksummed while their data flows.
 *
 * @param onTheFly    wire tokens computed for every whole-file upload (an SCKS algorithm is
 *                    added for its upload)
 * @param bufferBytes memory per upload for blocks that arrive ahead of the contiguous data, which
 *                    MD5 and the SHAs need in order; past it such a digest is given up
 */
public record ChecksumSettings(Set<String> onTheFly, long bufferBytes) {

    public ChecksumSettings {
        onTheFly = Set.copyOf(onTheFly);
        if (bufferBytes < 0) {
            throw new IllegalArgumentException("negative buffer size " + bufferBytes);
        }
    }
}
