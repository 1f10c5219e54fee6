package org.gantry.core.internal.transfer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiWriter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;

/**
 * Receives a file: gathers incoming bytes into chunks, writes them to the DSI one at a time in
 * offset order, and reads more from the network only while less than {@value #MAX_BUFFERED}
 * bytes wait, so a slow back-end slows the sender down. At the end it checks the data is
 * complete and only then commits; every other ending aborts the upload, leaving nothing behind.
 */
public final class StoreTask extends TransferTask implements IncomingData.BlockReceiver {

    static final int CHUNK = 256 * 1024;
    static final int MAX_BUFFERED = 4 * CHUNK;

    private final DsiWriter writer;
    private final IncomingData in;
    private final long startOffset;
    private final long minimumBytes;
    private final BooleanSupplier controlAlive;
    private final Deque<Chunk> pending = new ArrayDeque<>();
    private CompositeByteBuf gathering;
    private long gatheringOffset;
    private long buffered;
    private long received;
    private boolean writing;
    private boolean ended;
    private boolean committing;

    /**
     * @param startOffset  file offset of the first incoming byte
     * @param minimumBytes bytes that must arrive for the upload to be complete (from ALLO), or -1
     * @param controlAlive whether the client can still be told the outcome; if not, no commit
     */
    public StoreTask(DsiWriter writer, IncomingData in, long startOffset, long minimumBytes,
            BooleanSupplier controlAlive, Duration dataTimeout) {
        super(in.executor(), dataTimeout);
        this.writer = writer;
        this.in = in;
        this.startOffset = startOffset;
        this.minimumBytes = minimumBytes;
        this.controlAlive = controlAlive;
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
        received += n;
        buffered += n;
        progress(n);
        if (gathering != null && gatheringOffset + gathering.readableBytes() != offset) {
            flushGathered();
        }
        if (gathering == null) {
            gathering = data.alloc().compositeBuffer(64);
            gatheringOffset = offset;
        }
        gathering.addComponent(true, data);
        if (gathering.readableBytes() >= CHUNK) {
            flushGathered();
        }
    }

    @Override
    public void onReadComplete() {
        writeNext();
        requestMoreIfRoom();
    }

    @Override
    public void onEnd() {
        if (isDone()) {
            return;
        }
        ended = true;
        flushGathered();
        writeNext();
        maybeCommit();
    }

    @Override
    public void onError(Throwable cause) {
        fail(new FtpReplyException(Replies.DATA_CONNECTION_LOST, cause));
    }

    private void flushGathered() {
        if (gathering != null) {
            pending.add(new Chunk(gatheringOffset, gathering));
            gathering = null;
        }
    }

    private void requestMoreIfRoom() {
        if (!isDone() && !ended && buffered < MAX_BUFFERED) {
            in.requestMore();
        }
    }

    private void writeNext() {
        if (isDone() || writing || pending.isEmpty()) {
            return;
        }
        Chunk chunk = pending.poll();
        writing = true;
        int n = chunk.data.readableBytes();
        CompletionStage<Void> write;
        try {
            write = writer.write(chunk.data.nioBuffer(), chunk.offset);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        write.whenComplete((v, t) -> onLoop(() -> {
            writing = false;
            chunk.data.release();
            buffered -= n;
            if (isDone()) {
                return;
            }
            if (t != null) {
                fail(t);
                return;
            }
            writeNext();
            requestMoreIfRoom();
            maybeCommit();
        }));
    }

    private void maybeCommit() {
        if (!ended || writing || !pending.isEmpty() || committing || isDone()) {
            return;
        }
        if (minimumBytes >= 0 && received < minimumBytes) {
            fail(new FtpReplyException(Replies.transferIncomplete(received, minimumBytes)));
            return;
        }
        if (!controlAlive.getAsBoolean()) {
            fail(new FtpReplyException(Replies.CONTROL_CONNECTION_LOST));
            return;
        }
        committing = true;
        CompletionStage<Void> commit;
        try {
            commit = writer.commit(new CommitInfo(startOffset + received, List.of()));
        } catch (RuntimeException e) {
            commit = CompletableFuture.failedFuture(e);
        }
        commit.whenComplete((v, t) -> onLoop(() -> {
            committing = false;
            if (t != null) {
                fail(t);
            } else {
                succeed();
            }
        }));
    }

    @Override
    protected boolean acceptsAbort() {
        // The data is complete and being committed; an abort now would race the commit.
        return !committing;
    }

    @Override
    protected CompletionStage<?> release(Throwable cause) {
        in.abort();
        if (gathering != null) {
            gathering.release();
            gathering = null;
        }
        // A chunk being written is released by its write callback.
        pending.forEach(c -> c.data.release());
        pending.clear();
        try {
            return writer.abort(cause).exceptionally(t -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private record Chunk(long offset, ByteBuf data) {
    }
}
