package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.NearlineException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;

/**
 * One user's view of the tape DSI. Names and states come from the catalogue; data is read from
 * and written to the disk cache; reading a file that is only on tape starts its recall and,
 * by policy, either waits for it (bounded) or answers "nearline" at once.
 */
final class TapeSession implements DsiSession {

    private final TapeStore store;
    private final SessionContext context;

    TapeSession(TapeStore store, SessionContext context) {
        this.store = store;
        this.context = context;
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return store.background().run(() -> describe(store.catalogue().lookup(path)));
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return store.background().run(() -> {
            CatalogueEntry dir = store.catalogue().lookup(directory);
            if (!dir.directory()) {
                throw new NotDirectoryException(directory + ": not a directory");
            }
            return new CatalogueListing(store, dir.id());
        });
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return change(() -> store.catalogue().mkdir(path, context.user(), store.policy().directoryMode()));
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return change(() -> store.catalogue().rmdir(path));
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return change(() -> store.dropCopies(store.catalogue().deleteFile(path)));
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return change(() -> store.catalogue().rename(from, to).ifPresent(store::dropCopies));
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return change(() -> store.catalogue().setModified(path, modified));
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return change(() -> store.catalogue().chmod(path, mode & 07777));
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return CompletableFuture.failedFuture(new NotSupportedException("the tape DSI has no symbolic links"));
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        return store.background().run(() -> {
            store.catalogue().lookup(path);
            return path;
        });
    }

    @Override
    public CompletionStage<String> checksum(String path, String requested, long offset, long length) {
        String algorithm = requested.toUpperCase(java.util.Locale.ROOT);
        return store.background().run(() -> {
            CatalogueEntry file = existingFile(path);
            boolean whole = offset == 0 && (length < 0 || length == file.size());
            Optional<String> stored = whole ? file.checksum(algorithm) : Optional.empty();
            if (stored.isPresent()) {
                return stored.get();
            }
            if (!store.cache().startRead(file.id())) {
                throw new NearlineException(path + ": is on tape only; stage it to compute " + algorithm);
            }
            try {
                String value = store.checksumOf(store.cache().fileOf(file.id()), algorithm, offset, length);
                if (whole) {
                    store.catalogue().storeChecksum(file.id(), new org.gantry.dsi.api.Checksum(algorithm, value));
                }
                return value;
            } finally {
                store.cache().endRead(file.id());
            }
        });
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return store.background().run(() -> existingFile(path)).thenCompose(file -> {
            try {
                return openOrRecall(file, path);
            } catch (DsiException | IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** The disk copy if there is one; otherwise the recall, waited for (bounded) or refused by policy. */
    private CompletionStage<DsiReader> openOrRecall(CatalogueEntry file, String path)
            throws DsiException, IOException {
        // A mark wins over a disk copy: a LOST or UNAVAILABLE file is not served.
        switch (file.locality()) {
            case LOST -> throw Recalls.lost();
            case UNAVAILABLE -> throw Recalls.unavailable(path);
            default -> {
            }
        }
        if (store.cache().startRead(file.id())) {
            return CompletableFuture.completedFuture(new CacheReader(store.background(), store.cache(), file.id()));
        }
        CompletableFuture<Void> recall = stage(file, path);
        if (!store.policy().waitForRecall()) {
            return CompletableFuture.failedFuture(nearline(path));
        }
        return recall.copy().orTimeout(store.policy().recallWait().toMillis(), TimeUnit.MILLISECONDS)
                .handle((done, failure) -> failure)
                .thenCompose(failure -> failure == null ? openRecalled(file, path)
                        : CompletableFuture.failedFuture(waitFailure(failure, path)));
    }

    /** Opens the copy a finished recall left (which an eviction may already have taken again). */
    private CompletionStage<DsiReader> openRecalled(CatalogueEntry file, String path) {
        return store.background().run(() -> {
            if (!store.cache().startRead(file.id())) {
                throw new NearlineException(path + ": was recalled but evicted again before it could be read");
            }
            return new CacheReader(store.background(), store.cache(), file.id());
        });
    }

    /** Why waiting for a recall failed: a timeout is "still nearline", anything else is itself. */
    private static Throwable waitFailure(Throwable failure, String path) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof TimeoutException ? nearline(path) : cause;
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        if (context.readOnly()) {
            return CompletableFuture.failedFuture(new PermissionDeniedException(path + ": read-only session"));
        }
        if (!request.truncate() && !request.resumes()) {
            return CompletableFuture.failedFuture(
                    new NotSupportedException(path + ": files on tape cannot be appended to"));
        }
        // A restart finds nothing kept (no partial uploads here): the fresh writer's empty
        // durable ranges make the core refuse the restart, as the contract asks.
        return store.background().run(() -> {
            store.catalogue().uploadTarget(path);
            if (request.allocationSize() > store.cache().status().capacity()) {
                throw new org.gantry.dsi.api.NoSpaceException(path + ": larger than the whole disk cache");
            }
            return new TapeWriter(store, path, request, context.user());
        });
    }

    @Override
    public CompletionStage<Locality> locality(String path) {
        return store.background().run(() -> store.catalogue().lookup(path).locality());
    }

    @Override
    public CompletionStage<Locality> stage(String path) {
        return store.background().run(() -> {
            CatalogueEntry file = existingFile(path);
            stage(file, path);
            return store.catalogue().byId(file.id()).map(CatalogueEntry::locality).orElse(Locality.NONE);
        });
    }

    @Override
    public void close() {
        // Nothing per session: queued recalls belong to the files, not to who asked.
    }

    /** Starts (or joins) the recall of a nearline file, if this user may stage it. */
    CompletableFuture<Void> stage(CatalogueEntry file, String path) throws DsiException {
        if (file.locality() == Locality.NEARLINE && !store.policy().mayStage(context.user(), path)) {
            throw new PermissionDeniedException(path + ": " + context.user() + " may not stage files from tape here");
        }
        return store.recalls().request(file, context.user());
    }

    CatalogueEntry existingFile(String path) throws DsiException {
        CatalogueEntry entry = store.catalogue().lookup(path);
        if (entry.directory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        return entry;
    }

    private static NearlineException nearline(String path) {
        return new NearlineException(path + ": is being retrieved from the archive...");
    }

    /** A namespace change. */
    @FunctionalInterface
    private interface Change {
        void run() throws IOException, DsiException;
    }

    private CompletionStage<Void> change(Change work) {
        if (context.readOnly()) {
            return CompletableFuture.failedFuture(new PermissionDeniedException("read-only session"));
        }
        return store.background().run(() -> {
            work.run();
            return null;
        });
    }

    static FileInfo describe(CatalogueEntry e) {
        return new FileInfo(e.id() == org.gantry.dsi.tape.internal.catalogue.Catalogue.ROOT_ID ? "/" : e.name(),
                e.directory() ? FileType.DIRECTORY : FileType.FILE, e.size(), e.modified(), Optional.of(e.created()),
                e.mode(), e.owner().isEmpty() ? Optional.empty() : Optional.of(e.owner()), Optional.empty(), -1, -1,
                1, Optional.empty(), Optional.of(Long.toHexString(e.id())), e.checksums(), e.locality());
    }

}
