package org.gantry.dsi.s3.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gantry.dsi.api.Dsi;

/** What one instance has done, for {@code gridftp:dsi-list}; the memory figures back the window's test. */
final class S3Counters {

    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong uploadBuffers = new AtomicLong();
    private final AtomicLong uploadBuffersPeak = new AtomicLong();
    private final AtomicLong partsUploaded = new AtomicLong();
    private final AtomicLong singlePuts = new AtomicLong();
    private final AtomicLong multipartUploads = new AtomicLong();
    private final AtomicLong abortedUploads = new AtomicLong();
    private final AtomicLong spilledBytes = new AtomicLong();

    void read(long bytes) {
        bytesRead.addAndGet(bytes);
    }

    /** Upload part memory taken ({@code bytes} > 0) or given back. */
    void buffers(long bytes) {
        long now = uploadBuffers.addAndGet(bytes);
        uploadBuffersPeak.accumulateAndGet(now, Math::max);
    }

    /** Bytes of blocks that waited on disk for room in memory. */
    void spilled(long bytes) {
        spilledBytes.addAndGet(bytes);
    }

    void partUploaded() {
        partsUploaded.incrementAndGet();
    }

    void singlePut() {
        singlePuts.incrementAndGet();
    }

    void multipartUpload() {
        multipartUploads.incrementAndGet();
    }

    void aborted() {
        abortedUploads.incrementAndGet();
    }

    long uploadBuffers() {
        return uploadBuffers.get();
    }

    /** Each value only ever grows while the instance lives. */
    Map<String, Long> snapshot() {
        return Map.of(Dsi.BYTES_READ, bytesRead.get(), "uploadBufferPeakBytes", uploadBuffersPeak.get(),
                "partsUploaded", partsUploaded.get(), "singlePuts", singlePuts.get(),
                "multipartUploads", multipartUploads.get(), "abortedUploads", abortedUploads.get(),
                "spilledBytes", spilledBytes.get());
    }
}
