package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a file's {@link ChecksumRecord} lives: in the extended attribute
 * {@code user.gantry.checksums} of the file itself, or, where the file system has no user
 * extended attributes, in a hidden sidecar file next to it ({@value #SIDECAR_PREFIX} plus a hash
 * of the file name, a reserved name clients can neither see nor use). An attribute travels with
 * the file on rename and dies with it; a sidecar is moved and removed by the DSI's own rename
 * and delete. Storing is best effort: a record that cannot be written only costs a later
 * recomputation, so failures are logged, never thrown.
 */
final class StoredChecksums {

    static final String SIDECAR_PREFIX = RootedPaths.RESERVED_PREFIX + "cksum-";
    private static final String ATTRIBUTE = "gantry.checksums";
    private static final Logger LOG = LoggerFactory.getLogger(StoredChecksums.class);

    private final boolean attributes;

    /** @param attributes try extended attributes first; false always uses sidecars (tests) */
    StoredChecksums(boolean attributes) {
        this.attributes = attributes;
    }

    /** The sidecar of a file: same directory, name derived from the file's name. */
    static Path sidecarOf(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            return file.resolveSibling(SIDECAR_PREFIX + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The record stored for {@code file}, valid or not, if there is one. */
    Optional<ChecksumRecord> read(Path file) {
        try {
            Optional<String> text;
            try {
                text = readAttribute(file);
            } catch (UnsupportedOperationException noAttributes) {
                text = readSidecar(file);
            }
            return text.flatMap(ChecksumRecord::parse);
        } catch (IOException e) {
            LOG.debug("cannot read the stored checksums of {}", file, e);
            return Optional.empty();
        }
    }

    /** The record for {@code file}'s current content, if one is stored and still valid. */
    Optional<ChecksumRecord> readValid(Path file, FileStamp current) {
        return read(file).filter(r -> r.validFor(current));
    }

    /**
     * Stores {@code record} for the file that {@code file} is now and that will be visible as
     * {@code visible} (the same path, or the target an upload is renamed to): in the attribute of
     * {@code file}, else in {@code visible}'s sidecar.
     */
    void write(Path file, Path visible, ChecksumRecord record) {
        try {
            try {
                writeAttribute(file, record);
            } catch (UnsupportedOperationException noAttributes) {
                writeSidecar(visible, record.inode() ? record : withInode(record));
            }
        } catch (IOException e) {
            LOG.debug("cannot store the checksums of {}", visible, e);
        }
    }

    /** Forgets what is stored for {@code file} apart from it (its sidecar); the file may be gone. */
    void forget(Path file) {
        try {
            Files.deleteIfExists(sidecarOf(file));
        } catch (IOException e) {
            LOG.warn("cannot remove the checksum sidecar of {}", file, e);
        }
    }

    /** After {@code from} was renamed to {@code to}: its sidecar follows, the replaced one goes. */
    void moved(Path from, Path to) {
        try {
            Files.move(sidecarOf(from), sidecarOf(to), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException noSidecar) {
            forget(to);
        } catch (IOException e) {
            LOG.warn("cannot move the checksum sidecar of {} to {}", from, to, e);
            forget(to);
        }
    }

    /**
     * Removes a directory that looks empty to clients: sidecars left by files removed outside
     * the server would otherwise keep it from being removed.
     */
    static void removeDirectory(Path directory) throws IOException {
        try {
            Files.delete(directory);
        } catch (DirectoryNotEmptyException e) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(directory)) {
                entries = list.toList();
            }
            if (!entries.stream().allMatch(p -> p.getFileName().toString().startsWith(SIDECAR_PREFIX))) {
                throw e;
            }
            for (Path sidecar : entries) {
                Files.deleteIfExists(sidecar);
            }
            Files.delete(directory);
        }
    }

    private static ChecksumRecord withInode(ChecksumRecord record) {
        return new ChecksumRecord(record.stamp(), true, record.values());
    }

    /**
     * The attribute's text, empty if the file has none.
     *
     * @throws UnsupportedOperationException where the file system keeps no user attributes
     */
    private Optional<String> readAttribute(Path file) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        try {
            ByteBuffer buffer = ByteBuffer.allocate(view.size(ATTRIBUTE));
            view.read(ATTRIBUTE, buffer);
            return Optional.of(StandardCharsets.US_ASCII.decode(buffer.flip()).toString());
        } catch (FileSystemException e) {
            requireSupported(e);
            return Optional.empty(); // ENODATA: no attribute set
        }
    }

    /** @throws UnsupportedOperationException where the file system keeps no user attributes */
    private void writeAttribute(Path file, ChecksumRecord record) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        try {
            view.write(ATTRIBUTE, StandardCharsets.US_ASCII.encode(record.format()));
        } catch (FileSystemException e) {
            requireSupported(e);
            throw e;
        }
    }

    private static Optional<String> readSidecar(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(sidecarOf(file), StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Written under a temporary name and renamed, so a reader never sees half a record. */
    private static void writeSidecar(Path file, ChecksumRecord record) throws IOException {
        Path temp = file.resolveSibling(RootedPaths.TEMP_PREFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE) + ".cksum");
        Files.writeString(temp, record.format() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temp, sidecarOf(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private UserDefinedFileAttributeView view(Path file) {
        UserDefinedFileAttributeView view = attributes
                ? Files.getFileAttributeView(file, UserDefinedFileAttributeView.class) : null;
        if (view == null) {
            throw new UnsupportedOperationException("no user extended attributes");
        }
        return view;
    }

    /** EOPNOTSUPP means this file system keeps no user attributes (ENODATA only that none is set). */
    private static void requireSupported(FileSystemException e) {
        if (String.valueOf(e.getMessage()).contains("not supported")) {
            throw new UnsupportedOperationException("no user extended attributes", e);
        }
    }
}
