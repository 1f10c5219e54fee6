package org.gantry.dsi.s3.internal;

import java.nio.file.Path;

/**
 * How uploads are cut into parts and how much memory and disk each may hold.
 *
 * @param partSize       the configured part size
 * @param window         most bytes of parts one upload holds in memory
 * @param concurrency    part uploads in flight per upload
 * @param spillDirectory where blocks wait whose part has no room in memory yet
 * @param spillLimit     most bytes one upload keeps there
 */
record UploadSettings(long partSize, long window, int concurrency, Path spillDirectory, long spillLimit) {

    /**
     * The part size for an upload of {@code announced} bytes (ALLO, or -1): the configured size,
     * or larger, in whole MiB, when that would need more than S3's 10,000 parts.
     */
    long partSizeFor(long announced) {
        if (announced <= partSize * S3Upload.MAX_PARTS) {
            return partSize;
        }
        long needed = (announced + S3Upload.MAX_PARTS - 1) / S3Upload.MAX_PARTS;
        return Math.min(S3Settings.MAX_PART_SIZE, (needed + S3Settings.MIB - 1) / S3Settings.MIB * S3Settings.MIB);
    }

    SpilledParts newSpill() {
        return new SpilledParts(spillDirectory, spillLimit);
    }

    /** The window for one upload with parts of {@code size}: always room for two parts. */
    long windowFor(long size) {
        return Math.max(window, 2 * size);
    }
}
