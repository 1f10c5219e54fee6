package org.gantry.core.internal.control;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the control stream into lines ending in LF or CRLF (line end removed). A line longer
 * than the maximum is discarded up to its end and replaced by {@link LineTooLong}, so the session
 * answers it and goes on; the bytes of such a line are never buffered. RFC 2228 lines (ADAT, MIC,
 * ENC, CONF) may be longer, up to {@link #MAX_SECURITY_LINE}: they carry base64 of a certificate
 * chain or of a whole wrapped command line; the command inside is held to the normal maximum.
 */
final class LineFramer extends ByteToMessageDecoder {

    static final int MAX_SECURITY_LINE = 64 * 1024;
    private static final byte[][] SECURITY_VERBS = {
        "ADAT ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "MIC ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "ENC ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "CONF ".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };

    private final int maxLength;
    private boolean discarding;

    LineFramer(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                // Room for the CR that may precede the LF still to come.
                if (discarding || in.readableBytes() > limitFor(in) + 1) {
                    discarding = true;
                    in.skipBytes(in.readableBytes());
                }
                return;
            }
            int length = eol - in.readerIndex();
            if (discarding) {
                discarding = false;
                in.readerIndex(eol + 1);
                out.add(LineTooLong.INSTANCE);
                continue;
            }
            int content = length > 0 && in.getByte(eol - 1) == '\r' ? length - 1 : length;
            if (content > limitFor(in)) {
                in.readerIndex(eol + 1);
                out.add(LineTooLong.INSTANCE);
                continue;
            }
            out.add(in.readRetainedSlice(content));
            in.readerIndex(eol + 1);
        }
    }

    /** The limit for the line starting at the reader index. */
    private int limitFor(ByteBuf in) {
        for (byte[] verb : SECURITY_VERBS) {
            if (startsWithIgnoringCase(in, verb)) {
                return Math.max(maxLength, MAX_SECURITY_LINE);
            }
        }
        return maxLength;
    }

    private static boolean startsWithIgnoringCase(ByteBuf in, byte[] prefix) {
        if (in.readableBytes() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            int b = in.getByte(in.readerIndex() + i);
            if (Character.toUpperCase(b) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
