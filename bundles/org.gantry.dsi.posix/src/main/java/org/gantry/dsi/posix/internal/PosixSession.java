package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.ChecksumAlgorithm;

/**
 * One user's session on a POSIX root. Every operation runs on the DSI's I/O pool; paths go
 * through {@link RootedPaths}, so none leaves the root. All files belong to the server's user:
 * the session's user only decides whether it may write at all.
 */
final class PosixSession implements DsiSession {

    /** Set-uid/set-gid are dropped: they would let clients hand out the server user's rights. */
    private static final int CHMOD_MASK = 01777;

    private final PosixDsi dsi;
    private final RootedPaths paths;
    private final BlockingIo io;
    private final SessionContext context;

    PosixSession(PosixDsi dsi, SessionContext context) {
        this.dsi = dsi;
        this.paths = dsi.paths();
        this.io = dsi.io();
        this.context = context;
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return io.supply(path, () -> dsi.infos().read(
                followLinks ? paths.followed(path) : paths.entry(path), nameOf(path)));
    }

    private static String nameOf(String path) throws DsiException {
        List<String> names = RootedPaths.names(path);
        return names.isEmpty() ? "/" : names.get(names.size() - 1);
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return io.supply(directory, () -> {
            DirectoryStream<Path> stream = Files.newDirectoryStream(paths.followed(directory),
                    entry -> !entry.getFileName().toString().startsWith(RootedPaths.RESERVED_PREFIX));
            return new PosixListing(io, dsi.infos(), directory, stream);
        });
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return modify(path, () -> {
            Path entry = paths.entry(path);
            Files.createDirectory(entry);
            FileModes.apply(entry, dsi.directoryMode());
            return null;
        });
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return modify(path, () -> {
            Path entry = paths.entry(path);
            if (entry.equals(paths.root())) {
                throw new PermissionDeniedException("the root cannot be removed");
            }
            if (!lstat(entry).isDirectory()) {
                throw new NotDirectoryException(path + ": not a directory");
            }
            StoredChecksums.removeDirectory(entry);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return modify(path, () -> {
            Path entry = paths.entry(path);
            if (lstat(entry).isDirectory()) {
                throw new IsDirectoryException(path + ": is a directory");
            }
            Files.delete(entry); // a link is removed itself, never its target
            dsi.checksums().stored().forget(entry);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return modify(from, () -> {
            Path source = paths.entry(from);
            Path target = paths.entry(to);
            if (source.equals(paths.root()) || target.equals(paths.root())) {
                throw new PermissionDeniedException("the root cannot be renamed or replaced");
            }
            lstat(source);
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Different file systems mounted below the root: copy and delete instead.
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            dsi.checksums().stored().moved(source, target);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return modify(path, () -> {
            Path target = paths.followed(path);
            // Only the time changes, so checksums stored for the content stay valid.
            dsi.checksums().keepAcross(target, () -> Files.setLastModifiedTime(target, FileTime.from(modified)));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return modify(path, () -> {
            Path target = paths.followed(path);
            lstat(target);
            FileModes.apply(target, mode & CHMOD_MASK);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return modify(link, () -> {
            Path linkEntry = paths.entry(link);
            Path targetEntry = paths.entry(RootedPaths.resolveLinkTarget(link, target));
            // Stored relative, so the tree stays valid wherever the root is moved or mounted.
            Path text = linkEntry.getParent().relativize(targetEntry);
            Files.createSymbolicLink(linkEntry, text.toString().isEmpty() ? Path.of(".") : text);
            return null;
        });
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        return io.supply(path, () -> paths.toDsiPath(paths.followed(path)));
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return checksum(path, algorithm, offset, length, n -> { });
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length,
            LongConsumer progress) {
        if (offset < 0 || length < -1) {
            return CompletableFuture.failedFuture(new DsiException(path + ": invalid checksum range"));
        }
        return io.supply(path, () -> {
            ChecksumAlgorithm.create(algorithm); // an unknown algorithm fails before any file access
            return dsi.checksums().checksum(regularFile(path), algorithm, offset, length, progress);
        });
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return io.supply(path, () -> {
            FileChannel channel = FileChannel.open(regularFile(path), StandardOpenOption.READ);
            try {
                return new PosixReader(io, path, channel, dsi.reads());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        if (context.readOnly()) {
            return readOnly(path);
        }
        return dsi.uploads().open(path, request);
    }

    /** Nothing to release: listings, readers and writers are closed by their users. */
    @Override
    public void close() {
    }

    /** The file a path denotes (links followed), refused unless it is a regular file. */
    private Path regularFile(String path) throws IOException, DsiException {
        Path target = paths.followed(path);
        BasicFileAttributes attributes = lstat(target);
        if (attributes.isDirectory()) {
            throw new IsDirectoryException(path + ": is a directory");
        }
        if (!attributes.isRegularFile()) {
            // Reading a FIFO or device could block forever or leak host data.
            throw new PermissionDeniedException(path + ": not a regular file");
        }
        return target;
    }

    private static BasicFileAttributes lstat(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** Runs a modifying operation, refused at once for read-only sessions. */
    private <T> CompletionStage<T> modify(String path, BlockingIo.Task<T> task) {
        return context.readOnly() ? readOnly(path) : io.supply(path, task);
    }

    private static <T> CompletionStage<T> readOnly(String path) {
        return CompletableFuture.failedFuture(new PermissionDeniedException(path + ": read-only session"));
    }
}
