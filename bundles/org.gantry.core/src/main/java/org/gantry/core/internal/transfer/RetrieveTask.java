package org.gantry.core.internal.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiReader;

import io.netty.buffer.ByteBuf;

/**
 * Sends byte ranges of a file: the whole file, what a REST left to do, or an ERET section. Each
 * chunk goes out as one block at its offset relative to {@code shift} (the ERET offset). At most
 * as many chunks as the mode asks for are in flight, so memory stays bounded and a slow client
 * slows the reads down. Where the DSI exposes a local file, chunks go out with sendfile and
 * never pass through the JVM, or, with zero-copy sends off or a receiver on loopback, are read
 * from it right here on the event loop (as sendfile would) instead of through the DSI's threads:
 * a page-cache read costs less than the two thread hand-overs around it.
 */
public final class RetrieveTask extends TransferTask {

    /** Bytes read through memory per block (GCT's default block size). */
    static final int CHUNK = 256 * 1024;
    /** Bytes per sendfile block: nothing is copied, so larger blocks only save per-block work. */
    static final int FILE_CHUNK = 1 << 20;

    private final DsiReader reader;
    private final OutgoingData out;
    private final Deque<ByteRange> ranges;
    private final long shift;
    private final FileChannel file;
    private final boolean sendfile;
    private final int maxInFlight;
    private long position;
    private int inFlight;
    private boolean reading;
    private boolean eof;
    private boolean finishing;

    /**
     * @param ranges absolute file ranges to send, in order; {@link ByteRange#TO_END} ends are
     *               taken as the file's size
     * @param shift  subtracted from file offsets to give block offsets (the ERET offset)
     * @param zeroCopy whether to send the reader's local file, if it has one, with sendfile
     *                 (not to a receiver on loopback, which would pay for it)
     */
    public RetrieveTask(DsiReader reader, OutgoingData out, List<ByteRange> ranges, long shift, boolean zeroCopy,
            Duration dataTimeout) {
        super(out.executor(), dataTimeout);
        this.reader = reader;
        this.out = out;
        this.shift = shift;
        this.ranges = new ArrayDeque<>();
        long size = reader.size();
        for (ByteRange r : ranges) {
            long end = Math.min(r.end(), size);
            if (end > r.start()) {
                this.ranges.add(new ByteRange(r.start(), end));
            }
        }
        this.position = this.ranges.isEmpty() ? 0 : this.ranges.peekFirst().start();
        // Even for a small file: sendfile runs on the event loop, a read costs two thread hops.
        this.file = reader.fileChannel().orElse(null);
        this.sendfile = zeroCopy && file != null && !out.receiverOnLoopback() && !out.encrypts();
        this.maxInFlight = out.blocksInFlight();
    }

    @Override
    protected void begin() {
        pump();
    }

    private void pump() {
        while (!isDone() && !reading && !eof && inFlight < maxInFlight) {
            ByteRange range = ranges.peekFirst();
            if (range == null) {
                eof = true;
                break;
            }
            if (position >= range.end()) {
                ranges.pollFirst();
                ByteRange next = ranges.peekFirst();
                if (next != null) {
                    position = next.start();
                }
                continue;
            }
            int n = (int) Math.min(sendfile ? FILE_CHUNK : CHUNK, range.end() - position);
            if (sendfile) {
                long at = position;
                position += n;
                inFlight++;
                out.sendFile(file, at, n, at - shift).whenComplete((v, e) -> onLoop(() -> onSent(n, e)));
            } else if (file != null) {
                copyFromFile(n);
            } else {
                readChunk(n);
            }
        }
        maybeFinish();
    }

    /** Reads a chunk of the local file on this thread and sends it. */
    private void copyFromFile(int n) {
        ByteBuf buf = out.alloc().ioBuffer(n, n);
        int count;
        try {
            count = buf.writeBytes(file, position, n);
        } catch (IOException e) {
            buf.release();
            fail(e);
            return;
        }
        if (count <= 0) {
            // The file got shorter than when it was opened: send what there is.
            buf.release();
            eof = true;
            return;
        }
        send(buf, count);
    }

    /** Sends a chunk read at the current position and moves past it. */
    private void send(ByteBuf buf, int count) {
        long offset = position;
        position += count;
        inFlight++;
        out.send(buf, offset - shift).whenComplete((v, e) -> onLoop(() -> onSent(count, e)));
    }

    private void readChunk(int n) {
        reading = true;
        ByteBuf buf = out.alloc().ioBuffer(n, n);
        ByteBuffer target = buf.nioBuffer(0, n);
        CompletionStage<Integer> read;
        try {
            read = reader.read(target, position);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((count, t) -> onLoop(() -> onRead(buf, count, t)));
    }

    private void onRead(ByteBuf buf, Integer n, Throwable t) {
        reading = false;
        if (isDone()) {
            buf.release();
            return;
        }
        if (t != null) {
            buf.release();
            fail(t);
            return;
        }
        if (n < 0) {
            // The file got shorter than when it was opened: send what there is.
            buf.release();
            eof = true;
            maybeFinish();
            return;
        }
        buf.writerIndex(n);
        send(buf, n);
        pump();
    }

    private void onSent(int n, Throwable e) {
        inFlight--;
        if (isDone()) {
            return;
        }
        if (e != null) {
            fail(new FtpReplyException(Replies.DATA_CONNECTION_LOST, e));
            return;
        }
        progress(n);
        pump();
    }

    private void maybeFinish() {
        if (!eof || reading || finishing || isDone() || inFlight > 0 && !out.endsAfterQueuedData()) {
            return;
        }
        finishing = true;
        succeedWhenFlushed(out.finish());
    }

    @Override
    protected CompletionStage<?> release(Throwable cause) {
        out.abort();
        return CompletableFuture.completedFuture(null);
    }
}
