package org.gantry.dsi.s3.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Directories over a flat key space, blocking. A directory exists when a zero-length marker
 * object {@code dir/} exists (made by MKD) or when any key starts with {@code dir/} (implied,
 * as other S3 tools leave them). An object under exactly a path's key makes it a file; if both
 * exist, the file wins for stat and the listing of the parent shows both. See the bundle's
 * README for every mapping decision.
 */
final class S3Namespace {

    private final ObjectStore store;
    private final ObjectPaths paths;
    private final ChecksumRecords records;

    S3Namespace(ObjectStore store, ObjectPaths paths, ChecksumRecords records) {
        this.store = store;
        this.paths = paths;
        this.records = records;
    }

    ObjectPaths paths() {
        return paths;
    }

    ObjectStore store() {
        return store;
    }

    FileInfo stat(String path) throws DsiException {
        S3Location at = paths.locate(path);
        String name = path.equals("/") ? "/" : Entries.lastName(path);
        if (at.isServiceRoot() || at.isBucketRoot() && !paths.bucketPerDirectory()) {
            return Entries.directory(name, Instant.EPOCH);
        }
        if (at.isBucketRoot()) {
            if (!store.bucketExists(path, at.bucket())) {
                throw new NotFoundException(path + ": no such bucket");
            }
            return Entries.directory(name, Instant.EPOCH);
        }
        Optional<HeadObjectResponse> object = store.head(path, at);
        if (object.isPresent()) {
            HeadObjectResponse head = object.get();
            return Entries.file(name, head.contentLength(), head.lastModified(), ChecksumRecords.fromMetadata(head.metadata()));
        }
        return directory(path, at).orElseThrow(() -> new NotFoundException(path));
    }

    /** The directory at {@code at}, marked or implied, if there is one. */
    private Optional<FileInfo> directory(String path, S3Location at) throws DsiException {
        ListObjectsV2Response first = store.list(path, at.bucket(), at.directoryPrefix(), false, null, 1);
        if (first.contents().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Entries.directory(Entries.lastName(path), first.contents().get(0).lastModified()));
    }

    /** Fails unless {@code path} is an existing directory. */
    void requireDirectory(String path) throws DsiException {
        if (!stat(path).isDirectory()) {
            throw new NotDirectoryException(path + ": not a directory");
        }
    }

    void mkdir(String path) throws DsiException {
        S3Location at = paths.locate(path);
        if (at.isServiceRoot() || at.isBucketRoot() && !paths.bucketPerDirectory()) {
            throw new AlreadyExistsException(path + ": exists");
        }
        requireDirectory(parent(path));
        if (at.isBucketRoot()) {
            store.createBucket(path, at.bucket());
            return;
        }
        if (store.head(path, at).isPresent()) {
            throw new AlreadyExistsException(path + ": a file of that name exists");
        }
        S3Location marker = at.withKey(at.markerKey());
        if (store.head(path, marker).isPresent()) {
            throw new AlreadyExistsException(path + ": exists");
        }
        // Also for an implied directory: the marker keeps it when its last object goes.
        store.put(path, marker, new byte[0], 0, Map.of());
    }

    void rmdir(String path) throws DsiException {
        S3Location at = paths.locate(path);
        if (at.isServiceRoot() || at.isBucketRoot() && !paths.bucketPerDirectory()) {
            throw new PermissionDeniedException(path + ": the root cannot be removed");
        }
        if (at.isBucketRoot()) {
            if (!store.bucketExists(path, at.bucket())) {
                throw new NotFoundException(path + ": no such bucket");
            }
            if (!visibleKeys(path, at, 1).isEmpty()) {
                throw new DirectoryNotEmptyException(path + ": bucket not empty");
            }
            records.deleteAll(path, at.bucket());
            store.deleteBucket(path, at.bucket());
            return;
        }
        if (store.head(path, at).isPresent()) {
            throw new NotDirectoryException(path + ": not a directory");
        }
        ListObjectsV2Response inside = store.list(path, at.bucket(), at.directoryPrefix(), false, null, 2);
        if (inside.contents().isEmpty()) {
            throw new NotFoundException(path);
        }
        String marker = at.markerKey();
        if (inside.contents().stream().anyMatch(o -> !o.key().equals(marker))) {
            throw new DirectoryNotEmptyException(path + ": directory not empty");
        }
        store.delete(path, at.withKey(marker));
    }

    void delete(String path) throws DsiException {
        S3Location at = paths.locate(path);
        if (!at.key().isEmpty() && store.head(path, at).isPresent()) {
            store.delete(path, at);
            records.delete(path, at);
            return;
        }
        if (at.key().isEmpty() || directory(path, at).isPresent()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        throw new NotFoundException(path);
    }

    /**
     * A server-side copy, then deletion of the source: S3 has no rename. A directory is moved
     * object by object, so a failure half-way leaves both trees partly filled (reported, nothing
     * lost: every object exists at one of its names at least).
     */
    void rename(String from, String to) throws DsiException {
        S3Location source = paths.locate(from);
        S3Location target = paths.locate(to);
        if (source.key().isEmpty() || target.key().isEmpty()) {
            throw new NotSupportedException("buckets cannot be renamed");
        }
        if (from.equals(to)) {
            stat(from);
            return;
        }
        requireDirectory(parent(to));
        Optional<HeadObjectResponse> file = store.head(from, source);
        if (file.isPresent()) {
            if (directory(to, target).isPresent()) {
                throw new IsDirectoryException(to + ": is a directory");
            }
            moveObject(from, source, target, file.get().contentLength());
            return;
        }
        if (directory(from, source).isEmpty()) {
            throw new NotFoundException(from);
        }
        if (to.startsWith(from + "/")) {
            throw new PermissionDeniedException(to + ": a directory cannot move into itself");
        }
        if (store.head(to, target).isPresent() || directory(to, target).isPresent()) {
            throw new AlreadyExistsException(to + ": exists");
        }
        String fromPrefix = source.directoryPrefix();
        String token = null;
        do {
            ListObjectsV2Response page = store.list(from, source.bucket(), fromPrefix, false, token, 1000);
            for (S3Object object : page.contents()) {
                String rest = object.key().substring(fromPrefix.length());
                moveObject(from, source.withKey(object.key()), target.withKey(target.directoryPrefix() + rest),
                        object.size());
            }
            token = page.nextContinuationToken();
        } while (token != null);
    }

    private void moveObject(String path, S3Location from, S3Location to, long size) throws DsiException {
        store.copy(path, from, to, size);
        records.move(path, from, to);
        store.delete(path, from);
    }

    /** Up to {@code max} keys under a location that a listing would show. */
    private List<String> visibleKeys(String path, S3Location at, int max) throws DsiException {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = store.list(path, at.bucket(), at.directoryPrefix(), false, token, 1000);
            for (S3Object object : page.contents()) {
                if (!ObjectPaths.hidden(object.key()) && keys.size() < max) {
                    keys.add(object.key());
                }
            }
            token = keys.size() < max ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
