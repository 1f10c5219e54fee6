package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.RangeSet;

/** Opens uploads and keeps track of the unfinished ones, so stopping the DSI leaves no debris. */
final class PosixUploads implements AutoCloseable {

    private static final Set<OpenOption> CREATE_TEMP =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);

    private final RootedPaths paths;
    private final BlockingIo io;
    private final int fileMode;
    private final Set<PosixWriter> active = ConcurrentHashMap.newKeySet();

    PosixUploads(RootedPaths paths, BlockingIo io, int fileMode) {
        this.paths = paths;
        this.io = io;
        this.fileMode = fileMode;
    }

    CompletionStage<DsiWriter> open(String dsiPath, WriteRequest request) {
        return io.supply(dsiPath, () -> create(dsiPath, request));
    }

    private DsiWriter create(String dsiPath, WriteRequest request) throws IOException, DsiException {
        // A link inside the root is written through: the upload replaces the file it points at.
        Path target = paths.followed(dsiPath);
        BasicFileAttributes existing = attributesOrNull(target);
        if (existing != null && existing.isDirectory()) {
            throw new IsDirectoryException(dsiPath + ": is a directory");
        }
        if (existing != null && !existing.isRegularFile()) {
            throw new PermissionDeniedException(dsiPath + ": not a regular file");
        }
        Path directory = target.getParent();
        BasicFileAttributes parent = attributesOrNull(directory);
        if (parent == null) {
            throw new NotFoundException(dsiPath + ": no such directory");
        }
        if (!parent.isDirectory()) {
            throw new NotDirectoryException(dsiPath + ": parent is not a directory");
        }
        if (request.allocationSize() > 0 && request.allocationSize() > Files.getFileStore(directory).getUsableSpace()) {
            throw new NoSpaceException(dsiPath + ": not enough space for " + request.allocationSize() + " bytes");
        }
        Path temp = directory.resolve(RootedPaths.TEMP_PREFIX + UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(temp, CREATE_TEMP, FileModes.ownerOnly());
        RangeSet durable = new RangeSet();
        try {
            if (!request.truncate() && existing != null) {
                durable.add(0, copy(target, channel));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        // A replaced file keeps its permissions, as if it had been overwritten in place.
        int mode = existing != null ? FileModes.read(target, fileMode) : fileMode;
        PosixWriter writer = new PosixWriter(io, dsiPath, temp, target, channel, request, mode, durable, active::remove);
        active.add(writer);
        return writer;
    }

    /**
     * Appending still goes through a temporary file, so that the old content stays whole and
     * visible until commit; the price is copying the existing bytes first.
     */
    private static long copy(Path source, FileChannel into) throws IOException {
        try (FileChannel from = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = from.size();
            long copied = 0;
            while (copied < size) {
                long count = from.transferTo(copied, size - copied, into);
                if (count <= 0) {
                    break;
                }
                copied += count;
            }
            return copied;
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Discards every unfinished upload. */
    @Override
    public void close() {
        for (PosixWriter writer : Set.copyOf(active)) {
            writer.abortNow();
        }
    }
}
