package org.gantry.dsi.memory.internal;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;

/** One user's session on a memory DSI; new entries are owned by the session's user. */
final class MemorySession implements DsiSession {

    private final MemoryDsi dsi;
    private final MemoryTree tree;
    private final SessionContext context;

    MemorySession(MemoryDsi dsi, SessionContext context) {
        this.dsi = dsi;
        this.tree = dsi.tree();
        this.context = context;
    }

    /** Symbolic links do not exist here, so following them changes nothing. */
    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return run(() -> tree.stat(PathNames.parse(path)));
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return run(() -> new MemoryListing(tree, tree.directory(PathNames.parse(directory))));
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return modify(path, () -> tree.mkdir(PathNames.parse(path), context.user()));
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return modify(path, () -> tree.rmdir(PathNames.parse(path)));
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return modify(path, () -> tree.delete(PathNames.parse(path)));
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return modify(from, () -> tree.rename(PathNames.parse(from), PathNames.parse(to)));
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return modify(path, () -> tree.setModified(PathNames.parse(path), modified));
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return modify(path, () -> tree.chmod(PathNames.parse(path), mode & 07777));
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return run(() -> {
            throw new NotSupportedException("the memory DSI has no symbolic links");
        });
    }

    /** Without links every existing path is already real; missing ones are returned normalised. */
    @Override
    public CompletionStage<String> realPath(String path) {
        return run(() -> "/" + String.join("/", PathNames.parse(path)));
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return checksum(path, algorithm, offset, length, n -> { });
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length,
            LongConsumer progress) {
        return run(() -> {
            if (offset < 0 || length < -1) {
                throw new DsiException(path + ": invalid checksum range");
            }
            ChecksumAlgorithm.create(algorithm); // an unknown algorithm fails before the path is looked at
            return dsi.checksums().checksum(PathNames.parse(path), algorithm, offset, length, progress);
        });
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return run(() -> new MemoryReader(tree.file(PathNames.parse(path)).content, path, dsi.reads()));
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        if (context.readOnly()) {
            return readOnly(path);
        }
        return run(() -> dsi.uploads().open(PathNames.parse(path), path, request, context.user()));
    }

    @Override
    public void close() {
    }

    private <T> CompletionStage<T> run(Stages.Work<T> work) {
        return Stages.run(() -> {
            if (dsi.isClosed()) {
                throw new StorageUnavailableException("the memory DSI has been stopped");
            }
            return work.run();
        });
    }

    /** Work without a result. */
    @FunctionalInterface
    private interface Change {
        void apply() throws DsiException;
    }

    private CompletionStage<Void> modify(String path, Change change) {
        if (context.readOnly()) {
            return readOnly(path);
        }
        return run(() -> {
            change.apply();
            return null;
        });
    }

    private static <T> CompletionStage<T> readOnly(String path) {
        return Stages.run(() -> {
            throw new PermissionDeniedException(path + ": read-only session");
        });
    }
}
