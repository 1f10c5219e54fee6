package org.gantry.dsi.s3.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.Locality;

/**
 * Listing facts of objects and prefixes. An object store has no owners, groups or permission
 * bits; entries show fixed modes (files 0644, directories 0755) so that clients which parse
 * {@code ls -l} lines or {@code UNIX.mode} still work.
 */
final class Entries {

    static final int FILE_MODE = 0644;
    static final int DIRECTORY_MODE = 0755;

    private Entries() {
    }

    static FileInfo file(String name, long size, Instant modified, List<Checksum> checksums) {
        return new FileInfo(name, FileType.FILE, size, modified, Optional.empty(), FILE_MODE, Optional.empty(),
                Optional.empty(), -1, -1, 1, Optional.empty(), Optional.empty(), checksums, Locality.ONLINE);
    }

    static FileInfo directory(String name, Instant modified) {
        return new FileInfo(name, FileType.DIRECTORY, 0, modified, Optional.empty(), DIRECTORY_MODE,
                Optional.empty(), Optional.empty(), -1, -1, 1, Optional.empty(), Optional.empty(), List.of(),
                Locality.ONLINE);
    }

    /** The last element of a key or prefix ({@code a/b/} and {@code a/b} give {@code b}). */
    static String lastName(String keyOrPrefix) {
        String trimmed = keyOrPrefix.endsWith("/") ? keyOrPrefix.substring(0, keyOrPrefix.length() - 1) : keyOrPrefix;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
