package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What identifies one version of a file's content cheaply: its size and modification time, and
 * its inode (device and number). A stored checksum is valid only while the file still has the
 * stamp it was stored with; any write through the file system changes the modification time.
 *
 * @param size     bytes
 * @param mtime    modification time in nanoseconds since the epoch
 * @param inode    the file key ({@code (dev=..,ino=..)}), or "" where the file system has none
 */
record FileStamp(long size, long mtime, String inode) {

    /** The stamp of the file at {@code path} (links followed). */
    static FileStamp of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                key == null ? "" : key.toString().replace(' ', '_'));
    }
}
