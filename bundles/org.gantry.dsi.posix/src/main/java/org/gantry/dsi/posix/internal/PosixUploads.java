package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.gantry.dsi.api.ByteRange;
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
    private final boolean syncOnCommit;
    private final PosixChecksums checksums;
    private final LongAdder reads;
    private final Set<PosixWriter> active = ConcurrentHashMap.newKeySet();

    /** @param reads counts the bytes an append copies from the existing file */
    PosixUploads(RootedPaths paths, BlockingIo io, int fileMode, boolean syncOnCommit, PosixChecksums checksums,
            LongAdder reads) {
        this.paths = paths;
        this.io = io;
        this.fileMode = fileMode;
        this.syncOnCommit = syncOnCommit;
        this.checksums = checksums;
        this.reads = reads;
    }

    /**
     * Where an interrupted upload to {@code target} waits for its restart: hidden (reserved
     * prefix) and named by a hash of the file name, so any file name fits.
     */
    static Path partialFor(Path target) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(target.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            return target.resolveSibling(RootedPaths.TEMP_PREFIX + "resume-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    CompletionStage<DsiWriter> open(String dsiPath, WriteRequest request) {
        return io.supply(dsiPath, () -> create(dsiPath, request));
    }

    private DsiWriter create(String dsiPath, WriteRequest request) throws IOException, DsiException {
        // A link inside the root is written through: the upload replaces the file it points at.
        RootedPaths.Followed followed = paths.followedWithAttributes(dsiPath);
        Path target = followed.path();
        BasicFileAttributes existing = followed.attributes();
        if (existing != null && existing.isDirectory()) {
            throw new IsDirectoryException(dsiPath + ": is a directory");
        }
        if (existing != null && !existing.isRegularFile()) {
            throw new PermissionDeniedException(dsiPath + ": not a regular file");
        }
        Path directory = target.getParent();
        BasicFileAttributes parent = RootedPaths.attributesOrNull(directory);
        if (parent == null) {
            throw new NotFoundException(dsiPath + ": no such directory");
        }
        if (!parent.isDirectory()) {
            throw new NotDirectoryException(dsiPath + ": parent is not a directory");
        }
        // File.getUsableSpace is one statvfs; Files.getFileStore would parse the mount table.
        if (request.allocationSize() > 0 && request.allocationSize() > directory.toFile().getUsableSpace()) {
            throw new NoSpaceException(dsiPath + ": not enough space for " + request.allocationSize() + " bytes");
        }
        // Unique enough with CREATE_NEW behind it; UUID.randomUUID would cost a SecureRandom draw per file.
        Path temp = directory.resolve(RootedPaths.TEMP_PREFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + ".part");
        RangeSet durable = new RangeSet();
        if (request.resumes() && claimPartial(target, temp)) {
            return resume(dsiPath, target, temp, request, existing, durable);
        }
        FileChannel channel = FileChannel.open(temp, CREATE_TEMP, FileModes.ownerOnly());
        try {
            if (!request.truncate() && existing != null) {
                long copied = copy(target, channel);
                reads.add(copied);
                if (request.resumes()) {
                    // No kept partial: as the Globus server does, the visible file is the one
                    // being restarted, and the client's ranges say what of it is current.
                    request.present().forEach(r -> durable.add(r.start(), Math.min(r.end(), copied)));
                } else {
                    durable.add(0, copied);
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        // A replaced file keeps its permissions, as if it had been overwritten in place.
        int mode = existing != null ? FileModes.read(target, fileMode) : fileMode;
        return track(new PosixWriter(io, dsiPath, temp, target, channel, request, mode, durable, syncOnCommit,
                checksums, active::remove));
    }

    private PosixWriter track(PosixWriter writer) {
        active.add(writer);
        return writer;
    }

    /** Takes the kept partial upload over by renaming it, so two restarts cannot both get it. */
    private static boolean claimPartial(Path target, Path temp) throws IOException {
        try {
            Files.move(partialFor(target), temp, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Continues a kept upload. The ranges the client names as present are taken as stored: they
     * come from this server's 111 markers, which only named written data (the Globus server
     * trusts REST ranges the same way); bytes past the partial file's end cannot be present.
     */
    private DsiWriter resume(String dsiPath, Path target, Path temp, WriteRequest request, BasicFileAttributes existing,
            RangeSet durable) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        for (ByteRange r : request.present()) {
            durable.add(r.start(), Math.min(r.end(), size));
        }
        int mode = existing != null ? FileModes.read(target, fileMode) : fileMode;
        return track(new PosixWriter(io, dsiPath, temp, target, channel, request, mode, durable, syncOnCommit,
                checksums, active::remove));
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

    /** Discards every unfinished upload. */
    @Override
    public void close() {
        for (PosixWriter writer : Set.copyOf(active)) {
            writer.abortNow();
        }
    }
}
