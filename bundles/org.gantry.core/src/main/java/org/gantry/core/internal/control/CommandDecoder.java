package org.gantry.core.internal.control;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns a line into an {@link FtpCommand}. Lines must be UTF-8; others, and over-long lines,
 * become rejected commands so that their 5xx answer stays in order. Empty lines are ignored.
 */
final class CommandDecoder extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg == LineTooLong.INSTANCE) {
            ctx.fireChannelRead(FtpCommand.rejected(Replies.LINE_TOO_LONG, "<line too long>"));
            return;
        }
        if (!(msg instanceof ByteBuf line)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!line.isReadable()) {
                return;
            }
            String text = decode(line);
            ctx.fireChannelRead(text == null
                    ? FtpCommand.rejected(Replies.BAD_ENCODING, "<invalid UTF-8>")
                    : FtpCommand.parse(text));
        } finally {
            line.release();
        }
    }

    private static String decode(ByteBuf line) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = line.nioBuffer();
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
