package org.gantry.dsi.api;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One user's view of a back-end. Paths are absolute, normalised, {@code /}-separated paths in the
 * back-end's own namespace (the core has already applied the mount prefix, the user's root and
 * removed {@code .} and {@code ..}). A DSI must still refuse paths that would leave its root, for
 * example through symbolic links.
 *
 * <p>Calls may come from any thread and may overlap; every returned stage completes exactly once,
 * failing with a {@link DsiException} subtype.
 */
@ConsumerType
public interface DsiSession extends AutoCloseable {

    /** Facts about one entry. With {@code followLinks} false a symbolic link describes itself. */
    CompletionStage<FileInfo> stat(String path, boolean followLinks);

    /**
     * Lists a directory's entries (not {@code .} and {@code ..}) as a stream the caller pulls in
     * batches, so a directory of any size never has to be held in memory at once.
     */
    CompletionStage<DirectoryListing> list(String directory);

    CompletionStage<Void> mkdir(String path);

    CompletionStage<Void> rmdir(String path);

    CompletionStage<Void> delete(String path);

    CompletionStage<Void> rename(String from, String to);

    /** Sets the modification time (MFMT, SITE UTIME). */
    CompletionStage<Void> setTimes(String path, Instant modified);

    /** Sets permission bits (SITE CHMOD); only the low 12 bits are meaningful. */
    CompletionStage<Void> chmod(String path, int mode);

    /** Creates {@code link} pointing at {@code target}. */
    CompletionStage<Void> symlink(String target, String link);

    /** Resolves symbolic links; fails with {@link InvalidPathException} if that leaves the root. */
    CompletionStage<String> realPath(String path);

    /**
     * Computes (or returns a stored) checksum over {@code [offset, offset+length)}; a
     * {@code length} of -1 means to the end of the file. Returns lower-case hex as it goes on
     * the wire (ADLER32: 8 digits). A back-end that stores checksums (see
     * {@link CommitInfo#checksums()}) answers a whole-file request from a stored value that is
     * still valid for the file's content, and may store a value it had to compute over the
     * whole file.
     */
    CompletionStage<String> checksum(String path, String algorithm, long offset, long length);

    /**
     * As {@link #checksum(String, String, long, long)}, telling {@code progress} (from any
     * thread) how many bytes it has processed so far, so that the core can send progress
     * markers during a long computation. The default reports nothing.
     */
    default CompletionStage<String> checksum(String path, String algorithm, long offset, long length,
            LongConsumer progress) {
        return checksum(path, algorithm, offset, length);
    }

    /** Opens a file for reading; the request names the ranges the core will read. */
    CompletionStage<DsiReader> openRead(String path, ReadRequest request);

    /**
     * Opens a file for writing. Nothing becomes visible under {@code path} before
     * {@link DsiWriter#commit}; after {@link DsiWriter#abort} nothing that looks complete remains.
     */
    CompletionStage<DsiWriter> openWrite(String path, WriteRequest request);

    /**
     * Where a file's data is (locality hook): {@link Locality#ONLINE} for plain disks; a staging
     * back-end reports nearline files so the core can refuse quickly instead of blocking.
     */
    default CompletionStage<Locality> locality(String path) {
        return stat(path, true).thenApply(FileInfo::locality);
    }

    /** Asks a staging back-end to bring a file online; completes when the request is queued. */
    default CompletionStage<Locality> stage(String path) {
        return locality(path);
    }

    /**
     * Placement hook (GET/PUT with {@code pasv}, delayed passive): where the data of this file
     * should flow, asked once the transfer command has named the file and before the client is
     * told the address. Empty lets the core listen on its configured data address.
     */
    default CompletionStage<Optional<DataEndpoint>> placement(String path, TransferDirection direction) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }

    /** Ends the session; in-flight readers and writers are aborted by the core before this. */
    @Override
    void close();
}
