package org.gantry.dsi.api;

import java.util.Set;

/**
 * What a back-end supports. The core advertises only what is really provided.
 *
 * @param randomWrites      writes may arrive concurrently and out of order; when false the core
 *                          reorders blocks (bounded) and calls {@link DsiWriter#write} in
 *                          ascending offset order
 * @param append            writes may start past offset 0 of an existing file (APPE, ESTO A, REST)
 * @param partialReads      reads of arbitrary ranges (REST, ERET) are efficient
 * @param keepsPartialUploads an aborted upload may be kept for a later restart instead of removed
 * @param symlinks          symbolic links exist in the namespace
 * @param permissions       {@code chmod} is supported
 * @param modificationTimes {@code setTimes} is supported
 * @param checksumAlgorithms algorithms the back-end can compute or has stored (wire tokens such
 *                          as {@code ADLER32}, {@code MD5}); the core computes others itself
 * @param placement         the back-end may choose a data endpoint per file (GET/PUT, delayed
 *                          passive) through {@link DsiSession#placement}
 * @param staging           files may be nearline and need staging before they can be read
 */
public record DsiCapabilities(
        boolean randomWrites,
        boolean append,
        boolean partialReads,
        boolean keepsPartialUploads,
        boolean symlinks,
        boolean permissions,
        boolean modificationTimes,
        Set<String> checksumAlgorithms,
        boolean placement,
        boolean staging) {

    public DsiCapabilities {
        checksumAlgorithms = Set.copyOf(checksumAlgorithms);
    }
}
