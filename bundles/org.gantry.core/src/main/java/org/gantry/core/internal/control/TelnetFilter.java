package org.gantry.core.internal.control;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Removes Telnet commands from a line (RFC 854): the Globus client sends ABOR preceded by
 * {@code IAC IP IAC DM}, the DM possibly as TCP urgent data. {@code IAC IAC} stands for a 0xFF
 * byte; option negotiation ({@code IAC WILL/WONT/DO/DONT opt}) is dropped whole; an IAC before an
 * ordinary byte (its partner was taken out of band) is dropped alone.
 */
final class TelnetFilter extends MessageToMessageDecoder<ByteBuf> {

    static final int IAC = 0xFF;
    private static final int SE = 0xF0;
    private static final int WILL = 0xFB;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        if (line.indexOf(line.readerIndex(), line.writerIndex(), (byte) IAC) < 0) {
            out.add(line.retain());
            return;
        }
        ByteBuf clean = ctx.alloc().buffer(line.readableBytes());
        int i = line.readerIndex();
        int end = line.writerIndex();
        while (i < end) {
            int b = line.getUnsignedByte(i++);
            if (b != IAC) {
                clean.writeByte(b);
                continue;
            }
            if (i >= end) {
                break;
            }
            int command = line.getUnsignedByte(i);
            if (command == IAC) {
                clean.writeByte(IAC);
                i++;
            } else if (command >= WILL) {
                i += 2;
            } else if (command >= SE) {
                i++;
            }
            // else: an IAC before an ordinary byte; drop the IAC, keep the byte.
        }
        out.add(clean);
    }
}
