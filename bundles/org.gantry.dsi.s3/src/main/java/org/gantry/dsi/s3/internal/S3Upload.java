package org.gantry.dsi.s3.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.support.CommitChecksums;
import org.gantry.dsi.support.RangeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One upload as an S3 multipart upload: part {@code n} holds file bytes
 * {@code [(n-1)·partSize, n·partSize)}. Blocks are copied into their part's memory as they
 * arrive, in any order; a part is uploaded as soon as it is complete, several at once. Parts in
 * memory are bounded by the window: a block that needs a new part while the window is full
 * waits (its write stays pending, so the core stops reading the data channel) until an upload
 * frees memory. A file no larger than one part becomes a single PUT at commit and no multipart
 * upload is ever made. Commit completes the multipart upload; abort removes it, so nothing of a
 * failed upload stays visible or stored.
 */
final class S3Upload implements DsiWriter {

    private static final Logger LOG = LoggerFactory.getLogger(S3Upload.class);
    /** S3's most parts per upload. */
    static final int MAX_PARTS = 10_000;

    private record PendingWrite(ByteBuffer source, long position, CompletableFuture<Void> done) {
    }

    private final String path;
    private final S3Location at;
    private final WriteRequest request;
    private final ObjectStore store;
    private final ChecksumRecords records;
    private final Requests requests;
    private final S3Counters counters;
    private final LiveUploads live;
    private final long partSize;
    private final int maxPartsInMemory;
    private final int concurrency;

    private final TreeMap<Integer, UploadPart> inMemory = new TreeMap<>();
    private final java.util.Set<Integer> sending = new java.util.HashSet<>();
    private final Deque<UploadPart> readyToUpload = new ArrayDeque<>();
    private final Deque<PendingWrite> waiting = new ArrayDeque<>();
    private final TreeMap<Integer, String> storedParts = new TreeMap<>();
    private final RangeSet durable = new RangeSet();
    private CompletableFuture<String> uploadId;
    private int uploading;
    private long memory;
    private Throwable failure;
    private boolean ended;
    private CompletableFuture<Void> allStored;
    /** Bytes were written past the first part: the file is not a single PUT. */
    private boolean beyondFirstPart;

    S3Upload(String path, S3Location at, WriteRequest request, UploadSettings settings, ObjectStore store,
            ChecksumRecords records, Requests requests, S3Counters counters, LiveUploads live) {
        this.path = path;
        this.at = at;
        this.request = request;
        this.store = store;
        this.records = records;
        this.requests = requests;
        this.counters = counters;
        this.live = live;
        this.partSize = settings.partSizeFor(request.allocationSize());
        live.started(this);
        this.maxPartsInMemory = (int) (settings.windowFor(partSize) / partSize);
        this.concurrency = settings.concurrency();
    }

    long partSize() {
        return partSize;
    }

    @Override
    public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
        if (failure != null || ended) {
            return CompletableFuture.failedFuture(new DsiException(path + ": the upload has ended", failure));
        }
        long end = position + source.remaining();
        if ((end - 1) / partSize >= MAX_PARTS) {
            return fail(new NoSpaceException(path + ": larger than " + MAX_PARTS + " parts of " + (partSize >> 20)
                    + " MiB; announce the size with ALLO or raise partSizeMiB"));
        }
        PendingWrite write = new PendingWrite(source, position, new CompletableFuture<>());
        if (end > partSize && !beyondFirstPart) {
            beyondFirstPart = true;
            UploadPart first = inMemory.get(1);
            if (first != null && first.isFull()) {
                readyToUpload.add(first);
                pump();
            }
        }
        if (!waiting.isEmpty() || !tryPlace(write)) {
            if (uploading == 0 && readyToUpload.isEmpty()) {
                return fail(tooFarOutOfOrder());
            }
            waiting.add(write);
        }
        return write.done();
    }

    private DsiException tooFarOutOfOrder() {
        return new DsiException(path + ": MODE E blocks arrive too far out of order for the S3 upload window of "
                + (maxPartsInMemory * partSize >> 20) + " MiB (uploadWindowMiB)", null, 451);
    }

    /** Copies the write into its parts if they are, or can be, in memory; false if the window is full. */
    private boolean tryPlace(PendingWrite write) {
        long position = write.position();
        int length = write.source().remaining();
        int firstPart = partIndex(position);
        int lastPart = partIndex(position + length - 1);
        int missing = 0;
        for (int n = firstPart; n <= lastPart; n++) {
            if (!inMemory.containsKey(n)) {
                missing++;
            }
        }
        if (inMemory.size() + missing > maxPartsInMemory) {
            return false;
        }
        ByteBuffer source = write.source();
        for (int n = firstPart; n <= lastPart; n++) {
            UploadPart part = inMemory.computeIfAbsent(n, k -> new UploadPart(k, (k - 1) * partSize, (int) partSize));
            long from = Math.max(position, part.start);
            int count = (int) (Math.min(position + length, part.start + partSize) - from);
            grow(part.fill(source, from, count));
            // A full first part waits until the file proves larger: up to one part, it is a single PUT.
            if (part.isFull() && (part.number > 1 || beyondFirstPart)) {
                readyToUpload.add(part);
            }
        }
        write.done().complete(null);
        pump();
        return true;
    }

    private int partIndex(long offset) {
        return (int) (offset / partSize) + 1;
    }

    private void grow(long bytes) {
        memory += bytes;
        counters.buffers(bytes);
    }

    /** Starts part uploads up to the concurrency limit. */
    private void pump() {
        while (uploading < concurrency && !readyToUpload.isEmpty() && failure == null) {
            UploadPart part = readyToUpload.poll();
            uploading++;
            sending.add(part.number);
            if (uploadId == null) {
                counters.multipartUpload();
                uploadId = requests.call(() -> store.createMultipart(path, at, Map.of())).toCompletableFuture();
            }
            uploadId.thenCompose(id -> requests.call(() -> store.uploadPart(path, at, id, part.number, part.data(),
                    part.filled()))).whenComplete((etag, t) -> partDone(part, etag, t));
        }
    }

    private synchronized void partDone(UploadPart part, String etag, Throwable t) {
        uploading--;
        sending.remove(part.number);
        if (inMemory.remove(part.number) != null) {
            grow(-part.capacity());
        }
        if (t != null) {
            fail(unwrap(t));
        } else {
            counters.partUploaded();
            storedParts.put(part.number, etag);
            durable.add(part.start, part.end());
            while (!waiting.isEmpty() && failure == null && tryPlace(waiting.peek())) {
                waiting.poll();
            }
            pump();
            if (!waiting.isEmpty() && uploading == 0) {
                fail(tooFarOutOfOrder());
            }
        }
        settle();
    }

    /** Completes {@link #allStored} once nothing is uploading, or when the upload failed. */
    private void settle() {
        if (allStored != null && uploading == 0 && (readyToUpload.isEmpty() || failure != null)) {
            if (failure != null) {
                allStored.completeExceptionally(failure);
            } else {
                allStored.complete(null);
            }
        }
    }

    private <T> CompletionStage<T> fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
            waiting.forEach(w -> w.done().completeExceptionally(cause));
            waiting.clear();
            readyToUpload.clear();
        }
        return CompletableFuture.failedFuture(failure);
    }

    @Override
    public List<ByteRange> durableRanges() {
        return durable.toList();
    }

    @Override
    public CompletionStage<Void> commit(CommitInfo info) {
        UploadPart single;
        synchronized (this) {
            if (failure != null || ended) {
                return CompletableFuture.failedFuture(new DsiException(path + ": the upload has ended", failure));
            }
            ended = true;
            single = uploadId == null && info.size() <= partSize ? inMemory.get(1) : null;
            if (uploadId != null || single == null && info.size() > 0) {
                // The last part is as long as the file makes it; queue every part not yet sent.
                inMemory.values().stream().filter(p -> !readyToUpload.contains(p) && !sending.contains(p.number))
                        .forEach(readyToUpload::add);
                allStored = new CompletableFuture<>();
                pump();
                settle();
            }
        }
        if (allStored == null) {
            return requests.run(() -> putSingle(single, info)).whenComplete((v, t) -> {
                release();
                live.ended(this);
            });
        }
        return allStored.thenCompose(v -> requests.run(() -> completeMultipart(info)))
                .whenComplete((v, t) -> {
                    if (t != null) {
                        abort(t);
                    } else {
                        live.ended(this);
                    }
                });
    }

    private void putSingle(UploadPart part, CommitInfo info) throws DsiException {
        byte[] data = part == null ? new byte[0] : part.data();
        int length = part == null ? 0 : part.filled();
        List<Checksum> checksums = CommitChecksums.verified(path, request, info,
                algorithm -> ObjectChecksums.ofBytes(algorithm, data, length));
        store.put(path, at, data, length, ChecksumRecords.metadata(checksums));
        counters.singlePut();
    }

    private void completeMultipart(CommitInfo info) throws DsiException {
        List<CompletedPart> parts = new ArrayList<>();
        String id = uploadId.join();
        synchronized (this) {
            storedParts.forEach((n, etag) -> parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build()));
        }
        String etag = store.completeMultipart(path, at, id, parts);
        List<Checksum> checksums;
        try {
            checksums = CommitChecksums.verified(path, request, info, algorithm -> ObjectChecksums.compute(store, path, at,
                    etag, algorithm, 0, info.size(), counters::read));
        } catch (DsiException mismatch) {
            // The object is already visible: take it away again, so no wrong data looks complete.
            store.delete(path, at);
            throw mismatch;
        }
        records.record(path, at, etag, checksums);
    }

    @Override
    public CompletionStage<Void> abort(Throwable cause) {
        CompletableFuture<String> id;
        synchronized (this) {
            if (failure == null) {
                fail(cause == null ? new DsiException(path + ": upload aborted") : cause);
            }
            ended = true;
            id = uploadId;
            if (allStored == null) {
                allStored = new CompletableFuture<>();
            }
            settle();
        }
        counters.aborted();
        if (id == null) {
            release();
            live.ended(this);
            return CompletableFuture.completedFuture(null);
        }
        // Parts still on their way could be stored after an abort: abort once they have settled.
        return allStored.handle((v, t) -> null)
                .thenCompose(v -> id.handle((uploadIdValue, t) -> uploadIdValue))
                .thenCompose(uploadIdValue -> uploadIdValue == null ? CompletableFuture.completedFuture(null)
                        : requests.run(() -> store.abortMultipart(path, at, uploadIdValue)))
                .handle((v, t) -> {
                    if (t != null) {
                        LOG.warn("{}: could not abort multipart upload; the bucket's lifecycle rule must remove it: {}",
                                path, unwrap(t).getMessage());
                    }
                    release();
                    live.ended(this);
                    return null;
                });
    }

    /** Gives back the memory of parts never uploaded. */
    private synchronized void release() {
        inMemory.values().forEach(p -> grow(-p.capacity()));
        inMemory.clear();
        readyToUpload.clear();
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
