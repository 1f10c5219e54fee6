package org.gantry.core.internal.control;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the control stream into lines ending in LF or CRLF (line end removed). A line longer
 * than the maximum is discarded up to its end and replaced by {@link LineTooLong}, so the session
 * answers it and goes on; the bytes of such a line are never buffered.
 */
final class LineFramer extends ByteToMessageDecoder {

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
                if (discarding || in.readableBytes() > maxLength + 1) {
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
            if (content > maxLength) {
                in.readerIndex(eol + 1);
                out.add(LineTooLong.INSTANCE);
                continue;
            }
            out.add(in.readRetainedSlice(content));
            in.readerIndex(eol + 1);
        }
    }
}
