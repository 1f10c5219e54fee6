package org.gantry.dsi.memory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.Locality;

/** An entry of the in-memory tree. Mutable fields are guarded by the tree's lock. */
abstract sealed class Node permits Node.Directory, Node.File {

    static final int DEFAULT_FILE_MODE = 0644;
    static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final long id;
    private final Instant created;
    private final String owner;
    Instant modified;
    int mode;

    Node(long id, Instant created, String owner, int mode) {
        this.id = id;
        this.created = created;
        this.owner = owner;
        this.modified = created;
        this.mode = mode;
    }

    /** Describes this entry under {@code name}. */
    FileInfo describe(String name) {
        return new FileInfo(name, type(), size(), modified, Optional.of(created), mode, Optional.of(owner),
                Optional.empty(), -1, -1, 1, Optional.empty(), Optional.of("mem-" + Long.toHexString(id)),
                checksums(), type() == FileType.DIRECTORY ? Locality.NONE : Locality.ONLINE);
    }

    abstract FileType type();

    abstract long size();

    List<Checksum> checksums() {
        return List.of();
    }

    /** A directory; its children are sorted by name, which lets listings resume after a name. */
    static final class Directory extends Node {

        final TreeMap<String, Node> children = new TreeMap<>();

        Directory(long id, Instant created, String owner) {
            super(id, created, owner, DEFAULT_DIRECTORY_MODE);
        }

        @Override
        FileType type() {
            return FileType.DIRECTORY;
        }

        @Override
        long size() {
            return 0;
        }
    }

    /**
     * A committed file; its content never changes after commit, so its checksums (from the
     * upload, or computed over all of it later) stay valid.
     */
    static final class File extends Node {

        final ChunkedContent content;
        List<Checksum> checksums;

        File(long id, Instant created, String owner, int mode, ChunkedContent content, List<Checksum> checksums) {
            super(id, created, owner, mode);
            this.content = content;
            this.checksums = List.copyOf(checksums);
        }

        @Override
        FileType type() {
            return FileType.FILE;
        }

        @Override
        long size() {
            return content.size();
        }

        @Override
        List<Checksum> checksums() {
            return checksums;
        }
    }
}
