package org.gantry.dsi.s3.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

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
 * One upload as an S3 multipart upload. Blocks go into their parts as they arrive, in any order
 * ({@link PartAssembly}); a complete part is uploaded at once, up to {@code concurrency} at a
 * time. When neither memory nor the spill limit has room for a block, its write stays pending,
 * so the core stops reading the data channel, until an upload frees memory. A file of at most
 * one part becomes a single PUT at commit and no multipart upload is made. Commit completes the
 * multipart upload; abort removes it, so nothing of a failed upload stays visible or stored.
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
    private final int concurrency;
    private final PartAssembly parts;

    private final Deque<UploadPart> readyToUpload = new ArrayDeque<>();
    /** Parts handed on for upload (queued, on their way or stored): each goes once. */
    private final Set<Integer> handedOn = new HashSet<>();
    private final Deque<PendingWrite> waiting = new ArrayDeque<>();
    private final TreeMap<Integer, String> storedParts = new TreeMap<>();
    private final RangeSet durable = new RangeSet();
    private CompletableFuture<String> uploadId;
    private int uploading;
    private Throwable failure;
    private boolean ended;
    private CompletableFuture<Void> allStored;
    private CompletableFuture<Void> aborted;

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
        this.concurrency = settings.concurrency();
        int maxParts = (int) (settings.windowFor(partSize) / partSize);
        this.parts = new PartAssembly(partSize, maxParts, settings.newSpill(), counters, this::readyForUpload);
        live.started(this);
    }

    long partSize() {
        return partSize;
    }

    @Override
    public synchronized CompletionStage<Void> write(ByteBuffer source, long position) {
        if (failure != null || ended) {
            return CompletableFuture.failedFuture(ended());
        }
        long end = position + source.remaining();
        if ((end - 1) / partSize >= MAX_PARTS) {
            return fail(new NoSpaceException(path + ": larger than " + MAX_PARTS + " parts of " + (partSize >> 20)
                    + " MiB; announce the size with ALLO or raise partSizeMiB"));
        }
        if (place(source, position, false)) {
            return CompletableFuture.completedFuture(null);
        }
        if (uploading == 0 && readyToUpload.isEmpty()) {
            // No upload will make room: only the disk can take it.
            return place(source, position, true) ? CompletableFuture.completedFuture(null) : fail(tooFarOutOfOrder());
        }
        PendingWrite write = new PendingWrite(source, position, new CompletableFuture<>());
        waiting.add(write);
        return write.done();
    }

    /**
     * Memory first. The disk only when no upload can make room otherwise: the blocks that would
     * complete the parts in memory may be behind the pending writes, and while those wait the
     * core sends nothing more (it keeps few writes in flight). Waiting on an upload, in turn,
     * is what holds a fast sender back.
     */
    /** Why a late write or commit is refused: the upload's own failure if it has one, so the reply names it. */
    private DsiException ended() {
        return failure instanceof DsiException cause ? cause : new DsiException(path + ": the upload has ended", failure);
    }

    private boolean place(ByteBuffer source, long position, boolean maySpill) {
        try {
            boolean placed = parts.place(source, position, maySpill);
            pump();
            return placed;
        } catch (java.io.UncheckedIOException e) {
            fail(new DsiException(path + ": " + e.getMessage(), e, 451));
            return true;
        }
    }

    /** Places pending writes, in memory while uploads run, on disk once none can make room. */
    private void placeWaiting() {
        for (var it = waiting.iterator(); it.hasNext() && failure == null;) {
            PendingWrite write = it.next();
            boolean stuck = uploading == 0 && readyToUpload.isEmpty();
            if (place(write.source(), write.position(), stuck)) {
                it.remove();
                write.done().complete(null);
            }
        }
    }

    private DsiException tooFarOutOfOrder() {
        return new DsiException(path + ": MODE E blocks arrive too far out of order for the S3 upload window and "
                + "spill limit (uploadWindowMiB, spillLimitMiB)", null, 451);
    }

    private void readyForUpload(UploadPart part) {
        if (handedOn.add(part.number)) {
            readyToUpload.add(part);
        }
    }

    /** Starts part uploads up to the concurrency limit. */
    private void pump() {
        while (uploading < concurrency && !readyToUpload.isEmpty() && failure == null) {
            UploadPart part = readyToUpload.poll();
            uploading++;
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
        if (t != null) {
            fail(unwrap(t));
        } else {
            counters.partUploaded();
            storedParts.put(part.number, etag);
            durable.add(part.start, part.end());
            parts.release(part);
            placeWaiting();
            pump();
            // Writes still pending hold the core back, no upload will make room and the disk is full.
            if (!waiting.isEmpty() && uploading == 0 && readyToUpload.isEmpty()) {
                placeWaiting();
                if (!waiting.isEmpty()) {
                    fail(tooFarOutOfOrder());
                }
            }
        }
        settle();
    }

    /**
     * Completes {@link #allStored} once every byte is in a stored part, or fails it when the
     * upload failed or nothing on its way could complete what is left.
     */
    private void settle() {
        if (allStored == null || uploading > 0) {
            return;
        }
        if (failure == null && readyToUpload.isEmpty() && !parts.drained()) {
            fail(new DsiException(path + ": parts are short of data at commit", null, 451));
        }
        if (failure != null) {
            allStored.completeExceptionally(failure);
        } else if (parts.drained()) {
            allStored.complete(null);
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
                return CompletableFuture.failedFuture(ended());
            }
            ended = true;
            single = uploadId == null && info.size() <= partSize ? parts.onlyPart() : null;
            if (uploadId != null || single == null && info.size() > 0) {
                allStored = new CompletableFuture<>();
                parts.finish(info.size());
                pump();
                settle();
            }
        }
        if (allStored == null) {
            return requests.run(() -> putSingle(single, info)).whenComplete((v, t) -> {
                discard();
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
        List<CompletedPart> completed = new ArrayList<>();
        String id = uploadId.join();
        synchronized (this) {
            storedParts.forEach((n, etag) -> completed.add(CompletedPart.builder().partNumber(n).eTag(etag).build()));
        }
        String etag = store.completeMultipart(path, at, id, completed);
        List<Checksum> checksums;
        try {
            checksums = CommitChecksums.verified(path, request, info, algorithm -> ObjectChecksums.compute(store, path,
                    at, etag, algorithm, 0, info.size(), counters::read));
        } catch (DsiException mismatch) {
            // The object is already visible: take it away again, so no wrong data looks complete.
            store.delete(path, at);
            throw mismatch;
        }
        records.record(path, at, etag, checksums);
    }

    /** Idempotent: the core may abort an upload that already failed, and the DSI's stop too. */
    @Override
    public CompletionStage<Void> abort(Throwable cause) {
        CompletableFuture<String> id;
        synchronized (this) {
            if (aborted != null) {
                return aborted;
            }
            aborted = new CompletableFuture<>();
            fail(cause == null ? new DsiException(path + ": upload aborted") : cause);
            ended = true;
            id = uploadId;
            if (allStored == null) {
                allStored = new CompletableFuture<>();
            }
            settle();
        }
        counters.aborted();
        // Parts still on their way could be stored after an abort: abort once they have settled.
        allStored.handle((v, t) -> null)
                .thenCompose(v -> id == null ? CompletableFuture.completedFuture(null) : id.handle((value, t) -> value))
                .thenCompose(value -> value == null ? CompletableFuture.completedFuture(null)
                        : requests.run(() -> store.abortMultipart(path, at, value)))
                .whenComplete((v, t) -> {
                    if (t != null) {
                        LOG.warn("{}: could not abort multipart upload; the bucket's lifecycle rule must remove it: {}",
                                path, unwrap(t).getMessage());
                    }
                    discard();
                    live.ended(this);
                    aborted.complete(null);
                });
        return aborted;
    }

    /** Gives back the memory and disk of parts never uploaded. */
    private synchronized void discard() {
        parts.discard();
        readyToUpload.clear();
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
