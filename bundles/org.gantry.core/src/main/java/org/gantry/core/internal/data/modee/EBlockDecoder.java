package org.gantry.core.internal.data.modee;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Splits the bytes of one MODE E data connection into payload slices and end-of-data events.
 * Payload is handed on as it arrives, without waiting for whole blocks, so memory stays at what
 * the socket delivered. After an EOD the decoder stops: bytes behind it belong to the next
 * transfer on this (cached) connection and stay in {@link #leftover()}.
 */
public final class EBlockDecoder {

    /** What the decoder found; the listener owns the payload slices it gets. */
    public interface Listener {

        void onPayload(long offset, ByteBuf data);

        /** An EOF block announced how many connections will send an EOD. */
        void onEof(long eodCount);

        /** This connection has no more data for this transfer. */
        void onEod(boolean close);
    }

    private final ByteBuf header = Unpooled.buffer(EBlockHeader.SIZE, EBlockHeader.SIZE);
    private ByteBuf pending;
    private long blockRemaining;
    private long blockOffset;
    private boolean eodAfterBlock;
    private boolean closeAfterBlock;
    private boolean ended;
    private boolean sawHeader;

    /**
     * Decodes {@code in} (taking ownership) until it is used up or an EOD ends this transfer.
     * A header split across reads is put together from its pieces (at most 17 bytes copied);
     * payload is never copied.
     *
     * @throws EBlockException on a header this server refuses
     */
    public void decode(ByteBuf in, Listener listener) {
        try {
            while (!ended && in.isReadable()) {
                if (blockRemaining > 0) {
                    int n = (int) Math.min(blockRemaining, in.readableBytes());
                    long at = blockOffset;
                    blockOffset += n;
                    blockRemaining -= n;
                    listener.onPayload(at, in.readRetainedSlice(n));
                    if (blockRemaining == 0) {
                        endBlock(listener);
                    }
                } else if (header.isReadable() || in.readableBytes() < EBlockHeader.SIZE) {
                    header.writeBytes(in, Math.min(header.writableBytes(), in.readableBytes()));
                    if (!header.isWritable()) {
                        EBlockHeader h = EBlockHeader.readFrom(header);
                        header.clear();
                        startBlock(h, listener);
                    }
                } else {
                    startBlock(EBlockHeader.readFrom(in), listener);
                }
            }
        } finally {
            if (ended && in.isReadable()) {
                keep(in); // the next transfer's bytes on this cached connection
            } else {
                in.release();
            }
        }
    }

    /** Whether this connection sent any header in this transfer. */
    public boolean sawHeader() {
        return sawHeader;
    }

    public boolean ended() {
        return ended;
    }

    /** Bytes received after the EOD, for the next transfer; the caller owns them. May be null. */
    public ByteBuf leftover() {
        ByteBuf b = pending;
        pending = null;
        return b;
    }

    /** Drops buffered bytes. */
    public void release() {
        header.clear();
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void startBlock(EBlockHeader header, Listener listener) {
        sawHeader = true;
        if (header.has(EBlockHeader.UNSUPPORTED)) {
            throw new EBlockException(String.format("unsupported MODE E descriptor 0x%02x", header.descriptor()));
        }
        if (header.has(EBlockHeader.EOF)) {
            if (header.eodCount() <= 0) {
                throw new EBlockException("EOF block with EOD count " + header.eodCount());
            }
            listener.onEof(header.eodCount());
        }
        long length = header.payloadLength();
        if (length < 0 || header.offset() < 0 && !header.has(EBlockHeader.EOF)) {
            throw new EBlockException("MODE E block with negative count or offset");
        }
        if (!header.has(EBlockHeader.EOF) && header.offset() > Long.MAX_VALUE - length) {
            throw new EBlockException("MODE E block past the largest file offset");
        }
        blockRemaining = length;
        blockOffset = header.offset();
        eodAfterBlock = header.has(EBlockHeader.EOD);
        closeAfterBlock = header.has(EBlockHeader.CLOSE);
        if (length == 0) {
            endBlock(listener);
        }
    }

    private void endBlock(EBlockDecoder.Listener listener) {
        if (eodAfterBlock) {
            ended = true;
            listener.onEod(closeAfterBlock);
        }
    }

    private void keep(ByteBuf rest) {
        if (pending == null) {
            pending = rest;
        } else {
            pending = Unpooled.wrappedBuffer(pending, rest);
        }
    }

    /** Starts decoding the next transfer's blocks on the same connection. */
    public void reset() {
        ended = false;
        sawHeader = false;
        eodAfterBlock = false;
        closeAfterBlock = false;
    }
}
