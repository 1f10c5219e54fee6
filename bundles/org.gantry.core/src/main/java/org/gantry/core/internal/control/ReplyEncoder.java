package org.gantry.core.internal.control;

import java.nio.charset.StandardCharsets;

import org.gantry.core.internal.protocol.Reply;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link Reply} as CRLF-terminated UTF-8 lines. Control characters in the text (a
 * client path may contain them) are replaced so that a reply can never be split or spoofed.
 */
final class ReplyEncoder extends MessageToByteEncoder<Reply> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Reply reply, ByteBuf out) {
        for (String line : reply.wireLines()) {
            out.writeCharSequence(sanitise(line), StandardCharsets.UTF_8);
            out.writeByte('\r');
            out.writeByte('\n');
        }
    }

    static String sanitise(String line) {
        StringBuilder sb = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(line.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? line : sb.toString();
    }
}
