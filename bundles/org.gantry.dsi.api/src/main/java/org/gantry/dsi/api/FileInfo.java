package org.gantry.dsi.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Facts about one namespace entry, enough for MLST/MLSD facts, {@code ls -l} lines and SIZE.
 *
 * @param name       the entry's last path element ({@code /} for the root)
 * @param type       file, directory, symbolic link or other
 * @param size       bytes (0 for directories where unknown)
 * @param modified   last modification time
 * @param created    creation time, where the back-end knows it
 * @param mode       POSIX permission bits (e.g. {@code 0644}), or -1 where there are none
 * @param owner      owner name, where known
 * @param group      group name, where known
 * @param uid        numeric owner, or -1
 * @param gid        numeric group, or -1
 * @param linkCount  number of hard links, or 1
 * @param linkTarget target of a symbolic link
 * @param uniqueId   an identity stable while the entry exists (MLST {@code Unique})
 * @param checksums  checksums stored with the file
 * @param locality   where the data is (staging back-ends); {@link Locality#ONLINE} otherwise
 */
public record FileInfo(
        String name,
        FileType type,
        long size,
        Instant modified,
        Optional<Instant> created,
        int mode,
        Optional<String> owner,
        Optional<String> group,
        long uid,
        long gid,
        long linkCount,
        Optional<String> linkTarget,
        Optional<String> uniqueId,
        List<Checksum> checksums,
        Locality locality) {

    public FileInfo {
        checksums = List.copyOf(checksums);
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isFile() {
        return type == FileType.FILE;
    }
}
