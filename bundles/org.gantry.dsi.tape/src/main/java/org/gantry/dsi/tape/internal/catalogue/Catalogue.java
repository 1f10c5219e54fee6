package org.gantry.dsi.tape.internal.catalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.tape.internal.library.TapeLocation;

/**
 * The tape DSI's namespace and file states (names, sizes, checksums, disk and tape copies,
 * pending recalls). Every change is written to the {@link Journal} before it becomes visible,
 * so the catalogue survives a restart exactly as the last completed change left it. One lock:
 * each operation is a few map look-ups and at most one journal append.
 */
public final class Catalogue implements AutoCloseable {

    public static final long ROOT_ID = 1;

    private final CatalogueIndex index = new CatalogueIndex();
    private final Map<Long, CatalogueEntry> entries = index.entries;
    private final Map<Long, NavigableMap<String, Long>> children = index.children;
    private final Map<Long, PendingRecall> recalls = index.recalls;
    private final Journal journal;
    private long nextId;

    private Catalogue(Path directory, int rootMode) throws IOException {
        this.journal = Journal.open(directory, index::replay);
        if (!entries.containsKey(ROOT_ID)) {
            entries.put(ROOT_ID, CatalogueEntry.newDirectory(ROOT_ID, 0, "", Instant.now(), "", rootMode));
        }
        index.linkChildren(ROOT_ID);
        nextId = entries.keySet().stream().mapToLong(Long::longValue).max().orElse(ROOT_ID) + 1;
        compact();
    }

    /** Opens (or creates) the catalogue stored in {@code directory}. */
    public static Catalogue open(Path directory, int rootMode) throws IOException {
        return new Catalogue(directory, rootMode);
    }

    // ---- reading

    public synchronized CatalogueEntry lookup(String path) throws DsiException {
        CatalogueEntry entry = entries.get(ROOT_ID);
        for (String name : names(path)) {
            if (!entry.directory()) {
                throw new NotDirectoryException(path + ": a parent is not a directory");
            }
            Long child = children.get(entry.id()).get(name);
            if (child == null) {
                throw new NotFoundException(path + ": no such file or directory");
            }
            entry = entries.get(child);
        }
        return entry;
    }

    public synchronized Optional<CatalogueEntry> byId(long id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Up to {@code max} entries of the directory {@code id} whose names sort after {@code after}. */
    public synchronized List<CatalogueEntry> children(long id, String after, int max) {
        NavigableMap<String, Long> all = children.getOrDefault(id, new TreeMap<>());
        NavigableMap<String, Long> rest = after == null ? all : all.tailMap(after, false);
        List<CatalogueEntry> batch = new ArrayList<>();
        for (Long child : rest.values()) {
            if (batch.size() == max) {
                break;
            }
            batch.add(entries.get(child));
        }
        return batch;
    }

    /** Every file entry, for start-up checks and queues. */
    public synchronized List<CatalogueEntry> files() {
        return entries.values().stream().filter(e -> !e.directory()).toList();
    }

    public synchronized List<PendingRecall> pendingRecalls() {
        return List.copyOf(recalls.values());
    }

    /** The path of an entry, for messages and the shell. */
    public synchronized String pathOf(long id) {
        CatalogueEntry entry = entries.get(id);
        if (entry == null) {
            return "?" + id;
        }
        StringBuilder path = new StringBuilder();
        while (entry != null && entry.id() != ROOT_ID) {
            path.insert(0, "/" + entry.name());
            entry = entries.get(entry.parent());
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** An id for a new upload's disk-cache file; ids are never handed out twice. */
    public synchronized long newFileId() {
        return nextId++;
    }

    // ---- namespace changes

    public synchronized void mkdir(String path, String owner, int mode) throws DsiException {
        Parent p = parentOf(path);
        if (p.children().containsKey(p.name())) {
            throw new AlreadyExistsException(path + ": already exists");
        }
        Instant now = Instant.now();
        CatalogueEntry created = CatalogueEntry.newDirectory(newFileId(), p.directory().id(), p.name(), now, owner, mode);
        write(List.of(created, p.directory().withModified(now)), List.of());
        children.put(created.id(), new TreeMap<>());
    }

    public synchronized void rmdir(String path) throws DsiException {
        Parent p = parentOf(path);
        CatalogueEntry entry = existing(p, path);
        if (!entry.directory()) {
            throw new NotDirectoryException(path + ": not a directory");
        }
        if (!children.get(entry.id()).isEmpty()) {
            throw new DirectoryNotEmptyException(path + ": directory not empty");
        }
        write(List.of(p.directory().withModified(Instant.now())), List.of(entry));
        children.remove(entry.id());
    }

    /** Removes a file; returns it so that its copies and queued work can be dropped. */
    public synchronized CatalogueEntry deleteFile(String path) throws DsiException {
        Parent p = parentOf(path);
        CatalogueEntry entry = existing(p, path);
        if (entry.directory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        write(List.of(p.directory().withModified(Instant.now())), List.of(entry));
        return entry;
    }

    /** Moves an entry as rename(2) does; returns the file it replaced, if any. */
    public synchronized Optional<CatalogueEntry> rename(String from, String to) throws DsiException {
        Parent source = parentOf(from);
        CatalogueEntry moved = existing(source, from);
        Parent target = parentOf(to);
        if (from.equals(to)) {
            return Optional.empty();
        }
        if (moved.directory() && isWithin(target.directory().id(), moved.id())) {
            throw new InvalidPathException(to + ": cannot move a directory into itself");
        }
        Long replacedId = target.children().get(target.name());
        CatalogueEntry replaced = replacedId == null ? null : entries.get(replacedId);
        if (replaced != null) {
            if (moved.directory() && !replaced.directory()) {
                throw new NotDirectoryException(to + ": not a directory");
            }
            if (!moved.directory() && replaced.directory()) {
                throw new IsDirectoryException(to + ": is a directory");
            }
            if (replaced.directory() && !children.get(replaced.id()).isEmpty()) {
                throw new DirectoryNotEmptyException(to + ": directory not empty");
            }
        }
        Instant now = Instant.now();
        List<CatalogueEntry> changed = new ArrayList<>(List.of(moved.moved(target.directory().id(), target.name()),
                source.directory().withModified(now)));
        if (target.directory().id() != source.directory().id()) {
            changed.add(target.directory().withModified(now));
        }
        write(changed, replaced == null ? List.of() : List.of(replaced));
        if (replaced != null && replaced.directory()) {
            children.remove(replaced.id());
        }
        return Optional.ofNullable(replaced).filter(r -> !r.directory());
    }

    public synchronized void setModified(String path, Instant time) throws DsiException {
        write(List.of(lookup(path).withModified(time)), List.of());
    }

    public synchronized void chmod(String path, int mode) throws DsiException {
        write(List.of(lookup(path).withMode(mode)), List.of());
    }

    /** Checks that an upload may be published at {@code path}; returns the file it would replace. */
    public synchronized Optional<CatalogueEntry> uploadTarget(String path) throws DsiException {
        Parent p = parentOf(path);
        Long existing = p.children().get(p.name());
        if (existing != null && entries.get(existing).directory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        return Optional.ofNullable(existing).map(entries::get);
    }

    /**
     * Publishes an upload whose data is in the disk cache under {@code id}; returns the file it
     * replaced (which keeps its permissions for the new content), if any.
     */
    public synchronized Optional<CatalogueEntry> commitFile(String path, long id, long size, List<Checksum> checksums,
            String owner, int defaultMode, String family, Instant modified) throws DsiException {
        Optional<CatalogueEntry> replaced = uploadTarget(path);
        Parent p = parentOf(path);
        Instant now = Instant.now();
        int mode = replaced.map(CatalogueEntry::mode).orElse(defaultMode);
        CatalogueEntry file = new CatalogueEntry(id, p.directory().id(), p.name(), false, size, modified, now, mode,
                owner, checksums, true, Optional.empty(), family, false, false);
        write(List.of(file, p.directory().withModified(now)), replaced.map(List::of).orElse(List.of()));
        return replaced;
    }

    // ---- state changes from the library, the cache and operators

    /** Records a tape copy; false if the file was deleted or replaced meanwhile. */
    public synchronized boolean flushed(long id, TapeLocation location) throws DsiException {
        CatalogueEntry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        write(List.of(entry.withTape(location)), List.of());
        return true;
    }

    /** Records whether a complete disk copy exists; false if the file is gone. */
    public synchronized boolean setCached(long id, boolean cached) throws DsiException {
        CatalogueEntry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        if (entry.cached() != cached) {
            write(List.of(entry.withCached(cached)), List.of());
        }
        return true;
    }

    /**
     * A recall finished: the file has its disk copy again and its pending recall ends, in one
     * transaction. False if the file is gone.
     */
    public synchronized boolean recalled(long id) throws DsiException {
        CatalogueEntry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        List<List<String>> records = new ArrayList<>(List.of(entry.withCached(true).toRecord()));
        if (recalls.containsKey(id)) {
            records.add(PendingRecall.endRecord(id));
        }
        append(records);
        index.remember(entry.withCached(true));
        recalls.remove(id);
        return true;
    }

    public synchronized CatalogueEntry setFlags(String path, boolean lost, boolean unavailable) throws DsiException {
        CatalogueEntry entry = lookup(path);
        if (entry.directory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        CatalogueEntry flagged = entry.withFlags(lost, unavailable);
        write(List.of(flagged), List.of());
        return flagged;
    }

    public synchronized void storeChecksum(long id, Checksum value) throws DsiException {
        CatalogueEntry entry = entries.get(id);
        if (entry != null) {
            write(List.of(entry.withChecksum(value)), List.of());
        }
    }

    /** Remembers a recall so that a restart resumes it; false if one is already pending. */
    public synchronized boolean addRecall(PendingRecall recall) throws DsiException {
        if (recalls.containsKey(recall.fileId())) {
            return false;
        }
        append(List.of(recall.toRecord()));
        recalls.put(recall.fileId(), recall);
        return true;
    }

    public synchronized void endRecall(long fileId) throws DsiException {
        if (recalls.containsKey(fileId)) {
            append(List.of(PendingRecall.endRecord(fileId)));
            recalls.remove(fileId);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }

    // ---- internals

    private record Parent(CatalogueEntry directory, String name, NavigableMap<String, Long> children) {
    }

    private Parent parentOf(String path) throws DsiException {
        List<String> names = names(path);
        if (names.isEmpty()) {
            throw new PermissionDeniedException("/: the root cannot be changed that way");
        }
        String parentPath = "/" + String.join("/", names.subList(0, names.size() - 1));
        CatalogueEntry directory = lookup(parentPath);
        if (!directory.directory()) {
            throw new NotDirectoryException(parentPath + ": not a directory");
        }
        return new Parent(directory, names.get(names.size() - 1), children.get(directory.id()));
    }

    private CatalogueEntry existing(Parent p, String path) throws DsiException {
        Long id = p.children().get(p.name());
        if (id == null) {
            throw new NotFoundException(path + ": no such file or directory");
        }
        return entries.get(id);
    }

    private boolean isWithin(long directory, long ancestor) {
        for (long id = directory; id != 0; id = entries.get(id).parent()) {
            if (id == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        for (String name : path.split("/")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Journals the changed and removed entries as one transaction, then applies them. */
    private void write(List<CatalogueEntry> changed, List<CatalogueEntry> removed) throws DsiException {
        List<List<String>> records = new ArrayList<>();
        changed.forEach(e -> records.add(e.toRecord()));
        removed.forEach(e -> records.add(List.of(CatalogueIndex.DELETED, Long.toString(e.id()))));
        append(records);
        removed.forEach(index::forget);
        changed.forEach(index::remember);
    }

    private void append(List<List<String>> records) throws DsiException {
        try {
            journal.append(records);
        } catch (IOException e) {
            throw new StorageUnavailableException("tape catalogue cannot be written: " + e.getMessage(), e);
        }
    }

    private void compact() throws IOException {
        List<List<String>> all = new ArrayList<>();
        entries.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).forEach(e -> all.add(e.toRecord()));
        recalls.values().forEach(r -> all.add(r.toRecord()));
        journal.compact(all);
    }
}
