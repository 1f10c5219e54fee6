package org.gantry.core.internal.transfer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.FileInfo;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Sends a directory listing over the data channel, one batch of entries at a time: the next
 * batch is fetched only once the previous one is on the network, so a directory of any size
 * costs one batch of memory.
 */
public final class ListingTask extends TransferTask {

    public static final int BATCH = 512;

    private final DirectoryListing listing;
    private final Function<FileInfo, String> format;
    private final List<String> header;
    private final OutgoingData out;
    private long offset;

    /**
     * @param header lines sent before the entries (MLSD's {@code cdir}/{@code pdir} lines)
     * @param format one line per entry, without line end; null to skip the entry
     */
    public ListingTask(DirectoryListing listing, List<String> header, Function<FileInfo, String> format,
            OutgoingData out, Duration dataTimeout) {
        super(out.executor(), dataTimeout);
        this.listing = listing;
        this.header = header;
        this.format = format;
        this.out = out;
    }

    @Override
    protected void begin() {
        if (header.isEmpty()) {
            fetch();
        } else {
            send(String.join("\r\n", header) + "\r\n");
        }
    }

    private void fetch() {
        CompletionStage<List<FileInfo>> next;
        try {
            next = listing.next(BATCH);
        } catch (RuntimeException e) {
            next = CompletableFuture.failedFuture(e);
        }
        next.whenComplete((entries, t) -> onLoop(() -> {
            if (isDone()) {
                return;
            }
            if (t != null) {
                fail(t);
            } else if (entries.isEmpty()) {
                finish();
            } else {
                StringBuilder text = new StringBuilder(entries.size() * 96);
                for (FileInfo info : entries) {
                    String line = format.apply(info);
                    if (line != null) {
                        text.append(line).append("\r\n");
                    }
                }
                send(text.toString());
            }
        }));
    }

    private void send(String text) {
        if (text.isEmpty()) {
            fetch();
            return;
        }
        ByteBuf buf = out.alloc().buffer(ByteBufUtil.utf8MaxBytes(text));
        ByteBufUtil.writeUtf8(buf, text);
        int n = buf.readableBytes();
        long at = offset;
        offset += n;
        out.send(buf, at).whenComplete((v, e) -> onLoop(() -> {
            if (isDone()) {
                return;
            }
            if (e != null) {
                fail(new FtpReplyException(Replies.DATA_CONNECTION_LOST, e));
                return;
            }
            progress(n);
            fetch();
        }));
    }

    private void finish() {
        succeedWhenFlushed(out.finish());
    }

    @Override
    protected CompletionStage<?> release(Throwable cause) {
        out.abort();
        return CompletableFuture.completedFuture(null);
    }
}
