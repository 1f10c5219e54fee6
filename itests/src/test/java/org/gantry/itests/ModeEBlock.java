package org.gantry.itests;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One MODE E block (GFD.20) as read from the wire, with the format's constants: a 17-byte header
 * (descriptor u8, count u64 BE, offset u64 BE) and then {@code count} payload bytes. For an EOF
 * block, {@code offset} is the EOD count. Kept apart from {@link ModeEPeer} so that tests can build
 * headers the server must reject without going through a connection.
 */
record ModeEBlock(int descriptor, long count, long offset, byte[] payload) {

    static final int HEADER_BYTES = 17;
    static final int EOR = 0x80;
    static final int EOF = 0x40;
    static final int ERRORS = 0x20;
    static final int RESTART = 0x10;
    static final int EOD = 0x08;
    static final int CLOSE = 0x04;

    /** Larger counts mean the stream is out of step (or the server is wrong), not a real block. */
    private static final long MAX_PLAUSIBLE_COUNT = 64L << 20;

    /** A header only; count and offset may lie on purpose. */
    static byte[] header(int descriptor, long count, long offset) {
        return ByteBuffer.allocate(HEADER_BYTES).put((byte) descriptor).putLong(count).putLong(offset).array();
    }

    /** Reads one block; EOFException if the stream ends before or inside it. */
    static ModeEBlock readFrom(DataInputStream in) throws IOException {
        int descriptor = in.read();
        if (descriptor < 0) {
            throw new EOFException("data connection closed before a block header");
        }
        long count = in.readLong();
        long offset = in.readLong();
        if (count < 0 || count > MAX_PLAUSIBLE_COUNT) {
            throw new IOException(String.format("implausible block: desc 0x%02x count %d offset %d",
                    descriptor, count, offset));
        }
        byte[] payload = new byte[(int) count];
        in.readFully(payload);
        return new ModeEBlock(descriptor, count, offset, payload);
    }

    boolean has(int bit) {
        return (descriptor & bit) != 0;
    }

    @Override
    public String toString() {
        return String.format("[desc 0x%02x count %d offset %d]", descriptor, count, offset);
    }
}
