package org.gantry.core.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The RFC 2228 protection of the control channel. Inert until the session's GSI context is
 * established, which it learns from the 235 reply passing out (so that 235 itself goes out
 * plain and everything after it is protected). Then every line in must be {@code MIC}, {@code ENC}
 * or {@code CONF} with a base64 token; the command inside goes on as a plain line. Every reply
 * line out is wrapped on its own and sent as 631/632/633 according to how the client wrapped its
 * last command. A plain command is refused with 533 in plain text, since its sender cannot read
 * a wrapped answer. Event-loop confined.
 */
final class ProtectedLines extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProtectedLines.class);

    private final long sessionId;
    private final int maxLineLength;
    /** The session's established GSI context, if any. */
    private final Supplier<Optional<GsiContext>> established;
    private GsiContext context;
    /** The reply code for wrapped replies; 0 sends the next replies plain. */
    private int replyCode = Replies.WRAPPED_ENC;

    ProtectedLines(long sessionId, int maxLineLength, Supplier<Optional<GsiContext>> established) {
        this.sessionId = sessionId;
        this.maxLineLength = maxLineLength;
        this.established = established;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (context == null || !(msg instanceof ByteBuf line)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String text;
        try {
            text = line.toString(StandardCharsets.US_ASCII);
        } finally {
            line.release();
        }
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
        int code = WrapLevel.replyCodeFor(verb);
        if (code == 0) {
            replyCode = 0;
            ctx.fireChannelRead(FtpCommand.rejected(Replies.NOT_WRAPPED, verb + " (not protected)"));
            return;
        }
        replyCode = code;
        byte[] token;
        try {
            token = Base64.getDecoder().decode(space < 0 ? "" : text.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            ctx.fireChannelRead(FtpCommand.rejected(Replies.BAD_WRAPPED, verb + " <bad base64>"));
            return;
        }
        try {
            for (String command : WrapLevel.commandLines(context.unwrap(token))) {
                byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
                ctx.fireChannelRead(bytes.length > maxLineLength ? LineTooLong.INSTANCE : Unpooled.wrappedBuffer(bytes));
            }
        } catch (GsiException e) {
            // The TLS state is unusable now: say why in plain text and end the session.
            replyCode = 0;
            ctx.fireChannelRead(FtpCommand.rejected(Replies.gsiFailed(e.getMessage()).thenClose(), verb + " <bad token>"));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Reply reply)) {
            ctx.write(msg, promise);
            return;
        }
        if (context == null) {
            Optional<GsiContext> now = established.get();
            ctx.write(msg, promise);
            if (reply.code() == Replies.SECURITY_DONE && now.isPresent()) {
                context = now.get();
            }
            return;
        }
        if (replyCode == 0) {
            ctx.write(msg, promise);
            return;
        }
        try {
            ctx.write(wrapped(reply, replyCode), promise);
        } catch (GsiException e) {
            LOG.warn("session {}: cannot protect a reply, closing: {}", sessionId, e.getMessage());
            promise.setFailure(e);
            ctx.close();
        }
    }

    private ByteBuf wrapped(Reply reply, int code) throws GsiException {
        List<String> lines = reply.wireLines();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            byte[] plain = (ReplyEncoder.sanitise(lines.get(i)) + "\r\n").getBytes(StandardCharsets.UTF_8);
            out.append(code).append(i < lines.size() - 1 ? '-' : ' ')
                    .append(Base64.getEncoder().encodeToString(context.wrap(plain))).append("\r\n");
        }
        return Unpooled.copiedBuffer(out, StandardCharsets.US_ASCII);
    }
}
