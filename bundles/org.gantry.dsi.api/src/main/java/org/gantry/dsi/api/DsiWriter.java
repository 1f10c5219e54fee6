package org.gantry.dsi.api;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Positional, asynchronous writes of one upload. Ends with exactly one of {@link #commit},
 * {@link #abort} or {@link #suspend}.
 */
@ConsumerType
public interface DsiWriter {

    /**
     * Writes all remaining bytes of {@code source} at absolute file offset {@code position}. If the
     * back-end declared {@link DsiCapabilities#randomWrites()} calls may overlap in time and arrive
     * in any offset order (they never overlap in bytes); otherwise the core calls in ascending,
     * contiguous order and waits for each write before the next.
     */
    CompletionStage<Void> write(ByteBuffer source, long position);

    /**
     * Byte ranges that are stored durably so far (sorted, merged). The core reports only these in
     * {@code 111} restart markers.
     */
    List<ByteRange> durableRanges();

    /**
     * Makes the upload visible under its path, atomically where the back-end allows it. Called
     * only after the core has verified that the data is complete.
     *
     * @param info size and the checksums the core computed while the data flowed
     */
    CompletionStage<Void> commit(CommitInfo info);

    /** Discards the upload so that nothing that looks complete remains; idempotent. */
    CompletionStage<Void> abort(Throwable cause);

    /**
     * Ends an interrupted upload without making it visible, but keeps what is durably stored so
     * that a later {@link WriteRequest} with {@link WriteRequest#present} ranges can resume it
     * (GridFTP restart). Back-ends that cannot keep partial uploads discard them, as
     * {@link #abort} does; that is the default.
     */
    default CompletionStage<Void> suspend(Throwable cause) {
        return abort(cause);
    }
}
