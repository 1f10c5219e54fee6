package org.gantry.core.internal.data.modee;

import io.netty.buffer.ByteBuf;

/**
 * The 17-byte header of a MODE E block (GFD.20): descriptor, byte count, offset, both unsigned
 * 64-bit big-endian. In an EOF block the offset field carries the EOD count instead.
 */
public record EBlockHeader(int descriptor, long count, long offset) {

    public static final int SIZE = 17;

    /** Last block on this connection for this transfer. */
    public static final int EOD = 0x08;
    /** Carries the number of EODs the receiver must see; once per transfer and stripe. */
    public static final int EOF = 0x40;
    /** The sender closes the connection after this block. */
    public static final int CLOSE = 0x04;
    /** Bits no current implementation sends (EOR 0x80, ERRORS 0x20, RESTART 0x10): refused. */
    public static final int UNSUPPORTED = 0x80 | 0x20 | 0x10;

    public static EBlockHeader data(long count, long offset) {
        return new EBlockHeader(0, count, offset);
    }

    /** A payload-less end-of-data header, with EOF and the EOD count if {@code eodCount > 0}. */
    public static EBlockHeader endOfData(int eodCount, boolean close) {
        int descriptor = EOD | (close ? CLOSE : 0) | (eodCount > 0 ? EOF : 0);
        return new EBlockHeader(descriptor, 0, eodCount > 0 ? eodCount : 0);
    }

    public boolean has(int flag) {
        return (descriptor & flag) != 0;
    }

    /** For an EOF block: the number of data connections that send an EOD. */
    public long eodCount() {
        return offset;
    }

    /** Payload bytes that follow the header; EOF blocks have none whatever the count field says. */
    public long payloadLength() {
        return has(EOF) ? 0 : count;
    }

    public void writeTo(ByteBuf out) {
        out.writeByte(descriptor);
        out.writeLong(count);
        out.writeLong(offset);
    }

    /** Reads a header; the caller makes sure {@link #SIZE} bytes are readable. */
    public static EBlockHeader readFrom(ByteBuf in) {
        return new EBlockHeader(in.readUnsignedByte(), in.readLong(), in.readLong());
    }
}
