package org.gantry.dsi.s3.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * One user's view of the store. Every S3 call runs on the instance's request threads. Directories
 * this session has seen exist are remembered, so a directory of many small uploads does not
 * re-check its parent each time; this session's own RMD and RNFR forget them.
 */
final class S3Session implements DsiSession {

    private static final Logger LOG = LoggerFactory.getLogger(S3Session.class);

    private final S3Namespace namespace;
    private final ObjectStore store;
    private final ChecksumRecords records;
    private final Requests requests;
    private final S3Counters counters;
    private final UploadSettings uploads;
    private final ReadSettings reads;
    private final LiveUploads live;
    private final Set<String> knownDirectories = ConcurrentHashMap.newKeySet();

    S3Session(S3Namespace namespace, ChecksumRecords records, Requests requests, S3Counters counters,
            UploadSettings uploads, ReadSettings reads, LiveUploads live) {
        this.namespace = namespace;
        this.store = namespace.store();
        this.records = records;
        this.requests = requests;
        this.counters = counters;
        this.uploads = uploads;
        this.reads = reads;
        this.live = live;
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return requests.call(() -> namespace.stat(path));
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return requests.call(() -> {
            S3Location at = namespace.paths().locate(directory);
            if (at.isServiceRoot()) {
                return BucketListing.of(store.buckets(directory));
            }
            requireDirectory(directory);
            return new S3Listing(requests, namespace, directory, at);
        });
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return requests.run(() -> namespace.mkdir(path));
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return requests.run(() -> {
            forget(path);
            namespace.rmdir(path);
        });
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return requests.run(() -> namespace.delete(path));
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return requests.run(() -> {
            forget(from);
            namespace.rename(from, to);
        });
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return CompletableFuture.failedFuture(new NotSupportedException(
                path + ": S3 objects take the time of their upload; it cannot be set (MFMT)"));
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return CompletableFuture.failedFuture(new NotSupportedException(
                path + ": S3 objects have no permission bits (SITE CHMOD)"));
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return CompletableFuture.failedFuture(new NotSupportedException(link + ": S3 has no symbolic links"));
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        try {
            namespace.paths().locate(path);
            return CompletableFuture.completedFuture(path);
        } catch (DsiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return checksum(path, algorithm, offset, length, n -> { });
    }

    /**
     * A whole-object request is answered from the object's metadata or its checksum record when
     * they hold the algorithm; otherwise the object is read once, and a whole-object value is
     * recorded for the next request.
     */
    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length,
            LongConsumer progress) {
        return requests.call(() -> {
            String token = ChecksumAlgorithm.token(algorithm)
                    .orElseThrow(() -> new NotSupportedException(algorithm + ": unknown checksum algorithm"));
            S3Location at = namespace.paths().locate(path);
            HeadObjectResponse head = file(path, at);
            long size = head.contentLength();
            long end = length < 0 ? size : Math.min(size, offset + length);
            boolean whole = offset == 0 && end == size;
            if (whole) {
                var stored = records.find(path, at, head, token);
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
            AtomicLong done = new AtomicLong();
            String value = ObjectChecksums.compute(store, path, at, head.eTag(), token, offset, end, n -> {
                counters.read(n);
                progress.accept(done.addAndGet(n));
            });
            if (whole) {
                try {
                    records.record(path, at, head.eTag(), List.of(new Checksum(token, value)));
                } catch (DsiException e) {
                    LOG.info("{}: computed {} could not be recorded: {}", path, algorithm, e.getMessage());
                }
            }
            return value;
        });
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return requests.call(() -> {
            S3Location at = namespace.paths().locate(path);
            HeadObjectResponse head = file(path, at);
            return new S3Reader(path, at, head.eTag(), head.contentLength(), request.ranges(), reads, store, requests,
                    counters);
        });
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        return requests.call(() -> {
            S3Location at = namespace.paths().locate(path);
            if (at.key().isEmpty()) {
                throw at.isBucketRoot() && namespace.paths().bucketPerDirectory()
                        ? new PermissionDeniedException(path + ": top-level directories are buckets; files go inside them")
                        : new IsDirectoryException(path + ": is a directory");
            }
            // A restart (present ranges) starts afresh: nothing of an interrupted upload is kept.
            if (!request.truncate() && !request.resumes()) {
                throw new NotSupportedException(path + ": S3 objects cannot be appended to or written in place");
            }
            requireDirectory(S3Namespace.parent(path));
            if (!store.list(path, at.bucket(), at.directoryPrefix(), false, null, 1).contents().isEmpty()) {
                throw new IsDirectoryException(path + ": is a directory");
            }
            return new S3Upload(path, at, request, uploads, store, records, requests, counters, live);
        });
    }

    private HeadObjectResponse file(String path, S3Location at) throws DsiException {
        if (!at.key().isEmpty()) {
            var head = store.head(path, at);
            if (head.isPresent()) {
                return head.get();
            }
        }
        if (namespace.stat(path).isDirectory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        throw new NotFoundException(path);
    }

    private void requireDirectory(String path) throws DsiException {
        if (!knownDirectories.contains(path)) {
            namespace.requireDirectory(path);
            knownDirectories.add(path);
        }
    }

    private void forget(String path) {
        knownDirectories.removeIf(known -> known.equals(path) || known.startsWith(path + "/"));
    }

    @Override
    public void close() {
        knownDirectories.clear();
    }
}
