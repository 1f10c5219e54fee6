package org.gantry.dsi.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How an upload is to be written.
 *
 * @param truncate           replace the file's content (STOR); false keeps existing bytes and
 *                           writes over/after them (APPE, ESTO A, a restarted STOR)
 * @param allocationSize     the size the client announced with {@code ALLO}, or -1 if unknown;
 *                           a back-end may reserve space or refuse early with
 *                           {@link NoSpaceException}
 * @param expectedChecksum   from {@code SCKS}: the checksum the complete file must have. The core
 *                           checks it before commit when it computed that algorithm on the fly;
 *                           {@link DsiWriter#commit} must fail with
 *                           {@link ChecksumMismatchException} (and keep nothing) when the
 *                           {@link CommitInfo} has no value for it and the file's data does
 *                           not match
 * @param modificationTime   a modification time to set on commit, if the client asked for one
 * @param present            ranges the client says are already stored (a restart: {@code REST}
 *                           ranges before STOR); non-empty means "resume the upload kept by
 *                           {@link DsiWriter#suspend}", and the writer's first
 *                           {@link DsiWriter#durableRanges} must cover them or the core refuses
 */
public record WriteRequest(
        boolean truncate,
        long allocationSize,
        Optional<Checksum> expectedChecksum,
        Optional<Instant> modificationTime,
        List<ByteRange> present) {

    public WriteRequest {
        present = List.copyOf(present);
    }

    /** A request that resumes nothing. */
    public WriteRequest(boolean truncate, long allocationSize, Optional<Checksum> expectedChecksum,
            Optional<Instant> modificationTime) {
        this(truncate, allocationSize, expectedChecksum, modificationTime, List.of());
    }

    /** Whether this request resumes a suspended upload. */
    public boolean resumes() {
        return !present.isEmpty();
    }

    /** A plain STOR of a new file of unknown size. */
    public static WriteRequest replace() {
        return new WriteRequest(true, -1, Optional.empty(), Optional.empty());
    }
}
