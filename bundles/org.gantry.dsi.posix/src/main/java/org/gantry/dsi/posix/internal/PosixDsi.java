package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.support.ChecksumAlgorithm;

/** A local directory served as a DSI: one instance per configured root. */
final class PosixDsi implements Dsi, AutoCloseable {

    static final DsiCapabilities CAPABILITIES = new DsiCapabilities(
            true,   // randomWrites: pwrite at any offset
            true,   // append
            true,   // partialReads
            true,   // keepsPartialUploads: an interrupted upload is kept, hidden, for a restart
            true,   // symlinks
            true,   // permissions
            true,   // modificationTimes
            ChecksumAlgorithm.NAMES,
            false,  // placement
            false); // staging

    private final RootedPaths paths;
    private final BlockingIo io;
    private final FileInfoReader infos;
    private final PosixUploads uploads;
    private final PosixChecksums checksums;
    private final LongAdder reads = new LongAdder();
    private final int directoryMode;
    private volatile boolean closed;

    /**
     * @param name      instance name, used to name the I/O threads
     * @param root      the directory served; created if missing
     * @param ioThreads threads for blocking file-system calls
     */
    PosixDsi(String name, Path root, int fileMode, int directoryMode, int ioThreads) throws IOException {
        this(name, root, fileMode, directoryMode, ioThreads, false);
    }

    /** @param syncOnCommit whether a commit waits until the data is on disk (fsync) */
    PosixDsi(String name, Path root, int fileMode, int directoryMode, int ioThreads, boolean syncOnCommit)
            throws IOException {
        this(name, root, fileMode, directoryMode, ioThreads, syncOnCommit, true);
    }

    /** @param attributes store checksums in extended attributes where possible; false: sidecars only */
    PosixDsi(String name, Path root, int fileMode, int directoryMode, int ioThreads, boolean syncOnCommit,
            boolean attributes) throws IOException {
        Files.createDirectories(root);
        this.paths = new RootedPaths(root);
        this.io = new BlockingIo(name, ioThreads);
        this.infos = new FileInfoReader(paths);
        this.checksums = new PosixChecksums(new StoredChecksums(attributes), reads);
        this.uploads = new PosixUploads(paths, io, fileMode, syncOnCommit, checksums, reads);
        this.directoryMode = directoryMode;
    }

    @Override
    public DsiCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** File content read so far: by readers (also with sendfile), checksums and appends. */
    @Override
    public Map<String, Long> counters() {
        return Map.of(BYTES_READ, reads.sum());
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        if (closed) {
            return CompletableFuture.failedFuture(new StorageUnavailableException("the POSIX DSI has been stopped"));
        }
        return CompletableFuture.completedFuture(new PosixSession(this, context));
    }

    /** Discards unfinished uploads and stops the I/O threads. */
    @Override
    public void close() {
        closed = true;
        uploads.close();
        io.close();
    }

    Path root() {
        return paths.root();
    }

    RootedPaths paths() {
        return paths;
    }

    BlockingIo io() {
        return io;
    }

    FileInfoReader infos() {
        return infos;
    }

    PosixUploads uploads() {
        return uploads;
    }

    PosixChecksums checksums() {
        return checksums;
    }

    LongAdder reads() {
        return reads;
    }

    int directoryMode() {
        return directoryMode;
    }
}
