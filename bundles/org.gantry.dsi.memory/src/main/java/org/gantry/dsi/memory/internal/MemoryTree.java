package org.gantry.dsi.memory.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;

/**
 * The namespace of a memory DSI: one read-write lock over the whole tree (every operation is a
 * few map look-ups) and a byte budget that committed files are charged to.
 */
final class MemoryTree {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong ids = new AtomicLong();
    private final SpaceAccount space;
    private final Node.Directory root;

    MemoryTree(SpaceAccount space) {
        this.space = space;
        this.root = new Node.Directory(ids.incrementAndGet(), Instant.now(), "memory");
    }

    FileInfo stat(List<String> names) throws DsiException {
        return read(() -> lookup(names).describe(PathNames.nameOf(names)));
    }

    Node.Directory directory(List<String> names) throws DsiException {
        return read(() -> directoryAt(names));
    }

    /** A committed file to read. */
    Node.File file(List<String> names) throws DsiException {
        return read(() -> {
            Node node = lookup(names);
            if (node instanceof Node.File file) {
                return file;
            }
            throw new IsDirectoryException(PathNames.nameOf(names) + ": is a directory");
        });
    }

    /** The value stored with {@code file} for an algorithm (wire token), if any. */
    Optional<String> storedChecksum(Node.File file, String token) {
        lock.readLock().lock();
        try {
            return file.checksums.stream().filter(c -> c.algorithm().equals(token)).map(Checksum::value).findFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds (or replaces) a value computed over all of {@code file}'s content. */
    void storeChecksum(Node.File file, Checksum checksum) {
        lock.writeLock().lock();
        try {
            List<Checksum> values = new ArrayList<>(file.checksums);
            values.removeIf(c -> c.algorithm().equals(checksum.algorithm()));
            values.add(checksum);
            file.checksums = List.copyOf(values);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Up to {@code max} entries of {@code directory} whose names sort after {@code after}. */
    List<FileInfo> entriesAfter(Node.Directory directory, String after, int max) throws DsiException {
        return read(() -> {
            Map<String, Node> rest = after == null ? directory.children : directory.children.tailMap(after, false);
            List<FileInfo> batch = new ArrayList<>(Math.min(max, rest.size()));
            for (Map.Entry<String, Node> entry : rest.entrySet()) {
                if (batch.size() == max) {
                    break;
                }
                batch.add(entry.getValue().describe(entry.getKey()));
            }
            return batch;
        });
    }

    void mkdir(List<String> names, String owner) throws DsiException {
        if (names.isEmpty()) {
            throw new AlreadyExistsException("/: already exists");
        }
        write(() -> {
            Node.Directory parent = parentOf(names);
            String name = PathNames.nameOf(names);
            if (parent.children.containsKey(name)) {
                throw new AlreadyExistsException(name + ": already exists");
            }
            parent.children.put(name, new Node.Directory(ids.incrementAndGet(), Instant.now(), owner));
            parent.modified = Instant.now();
            return null;
        });
    }

    void rmdir(List<String> names) throws DsiException {
        write(() -> {
            Node.Directory parent = parentOf(names);
            Node node = childOf(parent, names);
            if (!(node instanceof Node.Directory directory)) {
                throw new NotDirectoryException(PathNames.nameOf(names) + ": not a directory");
            }
            if (!directory.children.isEmpty()) {
                throw new DirectoryNotEmptyException(PathNames.nameOf(names) + ": directory not empty");
            }
            parent.children.remove(PathNames.nameOf(names));
            parent.modified = Instant.now();
            return null;
        });
    }

    void delete(List<String> names) throws DsiException {
        if (names.isEmpty()) {
            throw new IsDirectoryException("/: is a directory");
        }
        write(() -> {
            Node.Directory parent = parentOf(names);
            if (!(childOf(parent, names) instanceof Node.File file)) {
                throw new IsDirectoryException(PathNames.nameOf(names) + ": is a directory");
            }
            parent.children.remove(PathNames.nameOf(names));
            parent.modified = Instant.now();
            space.release(file.size());
            return null;
        });
    }

    /** Moves an entry, replacing a file or an empty directory at the target as rename(2) does. */
    void rename(List<String> from, List<String> to) throws DsiException {
        write(() -> {
            Node.Directory sourceParent = parentOf(from);
            Node node = childOf(sourceParent, from);
            Node.Directory targetParent = parentOf(to);
            if (from.equals(to)) {
                return null;
            }
            if (node instanceof Node.Directory && to.size() > from.size() && to.subList(0, from.size()).equals(from)) {
                throw new InvalidPathException(PathNames.nameOf(to) + ": cannot move a directory into itself");
            }
            Node replaced = targetParent.children.get(PathNames.nameOf(to));
            checkReplaceable(node, replaced, PathNames.nameOf(to));
            sourceParent.children.remove(PathNames.nameOf(from));
            targetParent.children.put(PathNames.nameOf(to), node);
            sourceParent.modified = Instant.now();
            targetParent.modified = sourceParent.modified;
            if (replaced != null) {
                space.release(replaced.size());
            }
            return null;
        });
    }

    private static void checkReplaceable(Node moved, Node replaced, String name) throws DsiException {
        if (replaced == null) {
            return;
        }
        if (moved instanceof Node.Directory) {
            if (!(replaced instanceof Node.Directory directory)) {
                throw new NotDirectoryException(name + ": not a directory");
            }
            if (!directory.children.isEmpty()) {
                throw new DirectoryNotEmptyException(name + ": directory not empty");
            }
        } else if (replaced instanceof Node.Directory) {
            throw new IsDirectoryException(name + ": is a directory");
        }
    }

    void setModified(List<String> names, Instant modified) throws DsiException {
        write(() -> {
            lookup(names).modified = modified;
            return null;
        });
    }

    void chmod(List<String> names, int mode) throws DsiException {
        write(() -> {
            lookup(names).mode = mode;
            return null;
        });
    }

    /** Where an upload may go: the existing file it replaces, or null. */
    Node.File uploadTarget(List<String> names) throws DsiException {
        if (names.isEmpty()) {
            throw new IsDirectoryException("/: is a directory");
        }
        return read(() -> {
            Node existing = parentOf(names).children.get(PathNames.nameOf(names));
            if (existing instanceof Node.Directory) {
                throw new IsDirectoryException(PathNames.nameOf(names) + ": is a directory");
            }
            return (Node.File) existing;
        });
    }

    /**
     * Publishes uploaded content; the caller has charged its bytes to the budget, which the
     * replaced file's bytes are returned to.
     */
    void commit(List<String> names, ChunkedContent content, String owner, Instant modified, List<Checksum> checksums)
            throws DsiException {
        write(() -> {
            Node.Directory parent = parentOf(names);
            String name = PathNames.nameOf(names);
            Node existing = parent.children.get(name);
            if (existing instanceof Node.Directory) {
                throw new IsDirectoryException(name + ": is a directory");
            }
            // A replaced file keeps its permissions, as if it had been overwritten in place.
            int mode = existing == null ? Node.DEFAULT_FILE_MODE : existing.mode;
            Node.File file = new Node.File(ids.incrementAndGet(), Instant.now(), owner, mode, content, checksums);
            file.modified = modified;
            parent.children.put(name, file);
            parent.modified = Instant.now();
            if (existing != null) {
                space.release(existing.size());
            }
            return null;
        });
    }

    private Node lookup(List<String> names) throws DsiException {
        Node node = root;
        for (String name : names) {
            if (!(node instanceof Node.Directory directory)) {
                throw new NotDirectoryException(name + ": a parent is not a directory");
            }
            node = directory.children.get(name);
            if (node == null) {
                throw new NotFoundException(name + ": no such file or directory");
            }
        }
        return node;
    }

    private Node.Directory directoryAt(List<String> names) throws DsiException {
        if (lookup(names) instanceof Node.Directory directory) {
            return directory;
        }
        throw new NotDirectoryException(PathNames.nameOf(names) + ": not a directory");
    }

    private Node.Directory parentOf(List<String> names) throws DsiException {
        if (names.isEmpty()) {
            throw new PermissionDeniedException("the root cannot be changed that way");
        }
        return directoryAt(PathNames.parent(names));
    }

    private static Node childOf(Node.Directory parent, List<String> names) throws DsiException {
        Node node = parent.children.get(PathNames.nameOf(names));
        if (node == null) {
            throw new NotFoundException(PathNames.nameOf(names) + ": no such file or directory");
        }
        return node;
    }

    /** Work done under a lock. */
    @FunctionalInterface
    private interface Locked<T> {
        T run() throws DsiException;
    }

    private <T> T read(Locked<T> work) throws DsiException {
        return locked(lock.readLock(), work);
    }

    private <T> T write(Locked<T> work) throws DsiException {
        return locked(lock.writeLock(), work);
    }

    private static <T> T locked(Lock held, Locked<T> work) throws DsiException {
        held.lock();
        try {
            return work.run();
        } finally {
            held.unlock();
        }
    }
}
