package org.gantry.core.internal.transfer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.DsiReader;

import io.netty.buffer.ByteBuf;

/**
 * Sends a file: reads it in chunks from the DSI and hands them to the mode. At most
 * {@value #MAX_IN_FLIGHT} chunks are read ahead of the network, so memory stays bounded and a
 * slow client slows the reads down.
 */
public final class RetrieveTask extends TransferTask {

    static final int CHUNK = 256 * 1024;
    static final int MAX_IN_FLIGHT = 4;

    private final DsiReader reader;
    private final OutgoingData out;
    private long position;
    private int inFlight;
    private boolean reading;
    private boolean eof;
    private boolean finishing;

    public RetrieveTask(DsiReader reader, OutgoingData out, long startOffset, Duration dataTimeout) {
        super(out.executor(), dataTimeout);
        this.reader = reader;
        this.out = out;
        this.position = startOffset;
    }

    @Override
    protected void begin() {
        pump();
    }

    private void pump() {
        if (isDone() || reading || eof || inFlight >= MAX_IN_FLIGHT) {
            return;
        }
        reading = true;
        ByteBuf buf = out.alloc().ioBuffer(CHUNK, CHUNK);
        ByteBuffer target = buf.nioBuffer(0, CHUNK);
        CompletionStage<Integer> read;
        try {
            read = reader.read(target, position);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((n, t) -> onLoop(() -> onRead(buf, n, t)));
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
            buf.release();
            eof = true;
            maybeFinish();
            return;
        }
        buf.writerIndex(n);
        long offset = position;
        position += n;
        inFlight++;
        out.send(buf, offset).whenComplete((v, e) -> onLoop(() -> onSent(n, e)));
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
        maybeFinish();
    }

    private void maybeFinish() {
        if (!eof || inFlight > 0 || finishing) {
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
