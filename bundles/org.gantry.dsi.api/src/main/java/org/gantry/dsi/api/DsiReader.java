package org.gantry.dsi.api;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Positional, asynchronous reads of one file. The core may keep several reads outstanding at
 * different offsets (MODE E streams); the reader must allow that.
 */
@ConsumerType
public interface DsiReader extends AutoCloseable {

    /** The file's size in bytes when it was opened. */
    long size();

    /**
     * Reads into {@code destination} (from its position up to its limit) the bytes at file offset
     * {@code position}. Completes with the number of bytes read, at least 1, or -1 at end of file.
     */
    CompletionStage<Integer> read(ByteBuffer destination, long position);

    /**
     * The open local file behind this reader, if there is one, so that the core can send it with
     * {@code sendfile} instead of copying it through memory. The core only uses positional
     * {@code transferTo} on it and never closes it. None by default.
     */
    default Optional<FileChannel> fileChannel() {
        return Optional.empty();
    }

    /** Releases the file; idempotent. */
    @Override
    void close();
}
