package org.gantry.core.internal.transfer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import org.gantry.core.internal.checksum.UploadChecksums;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.support.RangeSet;

import io.netty.buffer.ByteBuf;

/**
 * Receives a file: gathers incoming slices into chunks, writes them to the DSI at their offsets
 * (several at once and in any order where the back-end allows, else in order through a bounded
 * reorder stage), and reads more from the network only while less than a fixed budget waits
 * ({@value #MAX_BUFFERED} bytes, half that in MODE E where runs may fill their buffers only
 * half), so a slow back-end slows the sender down. Each chunk is checksummed while it is written
 * ({@link UploadChecksums}). At the end it checks that the data is whole and matches its SCKS
 * value, and only then commits, handing the checksums over; every other ending aborts the upload
 * (or, for an interrupted MODE E upload, suspends it for a restart), leaving nothing that looks
 * complete.
 */
public final class StoreTask extends TransferTask implements IncomingData.BlockReceiver {

    static final int CHUNK = 1 << 20;
    static final long MAX_BUFFERED = 8L << 20;
    /** GCT's block size: a MODE E run starts with room for one block and grows from there. */
    static final int FIRST_RUN_CAPACITY = 256 * 1024;
    /** How far an in-order back-end lets blocks run ahead of a missing one before giving up. */
    static final long MAX_REORDER = 64L << 20;

    private final DsiWriter writer;
    private final IncomingData in;
    private final StoreLayout layout;
    private final boolean keepsPartial;
    private final BooleanSupplier controlAlive;
    private final ChunkGatherer gatherer;
    private final WriteQueue queue;
    private final UploadChecksums checksums;
    private final RangeSet received = new RangeSet();
    private final RangeSet present = new RangeSet();
    private final long maxBuffered;
    private long buffered;
    private int writing;
    private boolean ended;
    private boolean committing;

    /**
     * @param randomWrites whether the back-end takes writes in any order, concurrently
     * @param keepsPartial whether the back-end can keep an interrupted upload for a restart
     * @param controlAlive whether the client can still be told the outcome; if not, no commit
     */
    public StoreTask(DsiWriter writer, IncomingData in, StoreLayout layout, boolean randomWrites,
            boolean keepsPartial, BooleanSupplier controlAlive, Duration dataTimeout) {
        this(writer, in, layout, randomWrites, keepsPartial, controlAlive, dataTimeout, UploadChecksums.none());
    }

    /** @param checksums computes the upload's checksums from its chunks */
    public StoreTask(DsiWriter writer, IncomingData in, StoreLayout layout, boolean randomWrites,
            boolean keepsPartial, BooleanSupplier controlAlive, Duration dataTimeout, UploadChecksums checksums) {
        super(in.executor(), dataTimeout);
        this.checksums = checksums;
        this.writer = writer;
        this.in = in;
        this.layout = layout;
        this.keepsPartial = keepsPartial;
        this.controlAlive = controlAlive;
        this.queue = WriteQueue.forBackEnd(randomWrites, layout.shift(), layout.present().stream()
                .map(r -> new ByteRange(layout.shift() + r.start(), layout.shift() + r.end())).toList());
        // Stream mode fills whole chunks; MODE E runs are often one block of another stream's.
        this.gatherer = new ChunkGatherer(CHUNK, layout.blocks() ? FIRST_RUN_CAPACITY : CHUNK,
                (offset, data) -> queue.add(new WriteQueue.Chunk(offset, data)));
        layout.present().forEach(r -> present.add(r.start(), r.end()));
        this.maxBuffered = layout.blocks() ? MAX_BUFFERED / 2 : MAX_BUFFERED;
    }

    /**
     * Relative ranges of this transfer's data (or of the ranges a restart said were present)
     * that the DSI reports as durably stored, for 111 markers; callable from any thread. Bytes the
     * DSI holds for other reasons (an existing file under ESTO) are not this transfer's to report.
     */
    public List<ByteRange> storedRanges() {
        List<ByteRange> mine = receivedOrPresent().toList();
        RangeSet stored = new RangeSet();
        for (ByteRange r : writer.durableRanges()) {
            long start = Math.max(0, r.start() - layout.shift());
            long end = r.end() - layout.shift();
            for (ByteRange m : mine) {
                stored.add(Math.max(start, m.start()), Math.min(end, m.end()));
            }
        }
        return stored.toList();
    }

    @Override
    protected void begin() {
        in.start(this);
    }

    @Override
    public void onBlock(long offset, ByteBuf data) {
        if (isDone()) {
            data.release();
            return;
        }
        int n = data.readableBytes();
        if (n == 0) {
            data.release();
            return;
        }
        long end = offset + n;
        if (layout.blocks()) {
            if (layout.expectedEnd() >= 0 && end > layout.expectedEnd()) {
                data.release();
                fail(new FtpReplyException(Replies.incompleteData("a block ends at " + end
                        + ", past the " + layout.expectedEnd() + " bytes announced with ALLO")));
                return;
            }
            if (received.intersects(offset, end)) {
                data.release();
                fail(new FtpReplyException(Replies.badModeE("blocks overlap at offset " + offset)));
                return;
            }
        }
        received.add(offset, end);
        buffered += n;
        progress(n);
        gatherer.add(layout.shift() + offset, data);
    }

    /**
     * Partial runs are written early only when the back-end would otherwise sit idle or half the
     * buffer is in them; otherwise they grow into full chunks, because few large writes beat
     * many small ones.
     */
    @Override
    public void onReadComplete() {
        if (isDone()) {
            return;
        }
        if (writing == 0 && queue.isEmpty() || buffered >= maxBuffered / 2) {
            gatherer.flushAll();
        }
        writeNext();
        requestMoreIfRoom();
    }

    @Override
    public void onEnd() {
        if (isDone()) {
            return;
        }
        ended = true;
        gatherer.flushAll();
        writeNext();
        maybeCommit();
    }

    @Override
    public void onError(Throwable cause) {
        fail(cause instanceof FtpReplyException ? cause : new FtpReplyException(Replies.DATA_CONNECTION_LOST, cause));
    }

    private void requestMoreIfRoom() {
        if (isDone() || ended) {
            return;
        }
        if (buffered < maxBuffered) {
            in.requestMore();
        } else if (queue.waitingForGap()) {
            // The missing block may be on any connection, so keep reading, within a hard limit.
            if (buffered > MAX_REORDER) {
                fail(new FtpReplyException(Replies.badModeE("blocks arrive too far out of order for this storage")));
            } else {
                in.requestMore();
            }
        }
    }

    private void writeNext() {
        if (ended && writing == 0 && !committing && !isDone()) {
            WriteQueue.Chunk last = queue.pollOnly();
            if (last != null) {
                writeAndCommit(last);
                return;
            }
        }
        while (!isDone() && writing < queue.maxConcurrentWrites()) {
            WriteQueue.Chunk chunk = queue.poll();
            if (chunk == null) {
                return;
            }
            write(chunk);
        }
    }

    private void write(WriteQueue.Chunk chunk) {
        writing++;
        int n = chunk.data().readableBytes();
        CompletionStage<Void> write;
        try {
            write = checksums.alongside(chunk.offset(), chunk.data(),
                    writer.write(chunk.data().nioBuffer(), chunk.offset()));
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((v, t) -> onLoop(() -> {
            writing--;
            chunk.data().release();
            buffered -= n;
            if (isDone()) {
                return;
            }
            if (t != null) {
                fail(t);
                return;
            }
            queue.written(chunk);
            writeNext();
            requestMoreIfRoom();
            maybeCommit();
        }));
    }

    /**
     * The last chunk of a complete upload (often the only one, for a small file): its write and
     * the commit run back to back on the back-end's side, without a trip through this thread.
     */
    private void writeAndCommit(WriteQueue.Chunk chunk) {
        if (!commitAfter(chunk)) {
            chunk.data().release();
        }
    }

    private void maybeCommit() {
        if (!ended || writing > 0 || !queue.isEmpty() || committing || isDone()) {
            return;
        }
        commitAfter(null);
    }

    /**
     * Commits once the data is known to be whole, after writing {@code last} if there is one.
     *
     * @return false if the transfer failed instead (the caller still owns {@code last})
     */
    private boolean commitAfter(WriteQueue.Chunk last) {
        long end = completeEnd();
        if (end < 0) {
            return false;
        }
        if (!controlAlive.getAsBoolean()) {
            fail(new FtpReplyException(Replies.CONTROL_CONNECTION_LOST));
            return false;
        }
        committing = true;
        long size = layout.shift() + end;
        int n = last == null ? 0 : last.data().readableBytes();
        if (last != null) {
            writing++;
        }
        CompletionStage<Void> done;
        try {
            CompletionStage<Void> written = last == null ? CompletableFuture.completedFuture(null)
                    : checksums.alongside(last.offset(), last.data(),
                            writer.write(last.data().nioBuffer(), last.offset()));
            done = written.thenCompose(v -> checksums.complete(size))
                    .thenCompose(sums -> writer.commit(new CommitInfo(size, sums)));
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((v, t) -> onLoop(() -> {
            committing = false;
            if (last != null) {
                writing--;
                last.data().release();
                buffered -= n;
            }
            if (t != null) {
                fail(t);
            } else {
                succeed();
            }
        }));
        return true;
    }

    /** The relative ranges this transfer delivered or a restart said were there already. */
    private RangeSet receivedOrPresent() {
        RangeSet all = new RangeSet();
        received.toList().forEach(r -> all.add(r.start(), r.end()));
        present.toList().forEach(r -> all.add(r.start(), r.end()));
        return all;
    }

    /** The relative end of the whole data, or -1 after failing the transfer if it is not whole. */
    private long completeEnd() {
        RangeSet all = receivedOrPresent();
        long end = layout.expectedEnd() >= 0 && layout.blocks()
                ? layout.expectedEnd()
                : all.highestEnd();
        if (layout.expectedEnd() >= 0 && all.highestEnd() < layout.expectedEnd()) {
            fail(new FtpReplyException(Replies.transferIncomplete(all.contiguousPrefix(), layout.expectedEnd())));
            return -1;
        }
        if (!all.isExactly(end)) {
            fail(new FtpReplyException(Replies.incompleteData("bytes " + firstGap(all, end)
                    + " never arrived")));
            return -1;
        }
        return end;
    }

    private static String firstGap(RangeSet all, long end) {
        List<ByteRange> gaps = all.complement(0, end);
        return gaps.isEmpty() ? "?" : gaps.get(0).start() + "-" + gaps.get(0).end();
    }

    @Override
    protected boolean acceptsAbort() {
        // The data is complete and being committed; an abort now would race the commit.
        return !committing;
    }

    @Override
    protected CompletionStage<?> release(Throwable cause) {
        in.abort();
        gatherer.release();
        // A chunk being written is released by its write callback.
        queue.release();
        checksums.discard();
        try {
            CompletionStage<Void> ended = resumable(cause) ? writer.suspend(cause) : writer.abort(cause);
            return ended.exceptionally(t -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** An interrupted MODE E upload may be resumed with REST ranges; a refused or aborted one not. */
    private boolean resumable(Throwable cause) {
        if (!keepsPartial || !layout.blocks() || !(cause instanceof FtpReplyException f)) {
            return false;
        }
        return f.reply().code() == Replies.TRANSFER_ABORTED && f.reply() != Replies.TRANSFER_ABORTED_REPLY;
    }
}
