package org.gantry.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.security.api.AdatStep;
import org.gantry.security.api.GsiContext;
import org.gantry.security.api.GsiException;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The RFC 2228 layer with a stand-in context whose "protection" is a visible byte transform. */
class ProtectedLinesTest {

    /** Wraps by reversing the bytes and prefixing '#'; refuses tokens without the prefix. */
    private static final class MirrorContext implements GsiContext {
        @Override
        public AdatStep accept(byte[] token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean established() {
            return true;
        }

        @Override
        public String peerIdentity() {
            return "/CN=test";
        }

        @Override
        public Optional<String> delegatedSubject() {
            return Optional.empty();
        }

        @Override
        public byte[] wrap(byte[] plain) {
            byte[] out = new byte[plain.length + 1];
            out[0] = '#';
            for (int i = 0; i < plain.length; i++) {
                out[plain.length - i] = plain[i];
            }
            return out;
        }

        @Override
        public byte[] unwrap(byte[] token) throws GsiException {
            if (token.length == 0 || token[0] != '#') {
                throw new GsiException("bad record MAC");
            }
            byte[] out = new byte[token.length - 1];
            for (int i = 1; i < token.length; i++) {
                out[token.length - 1 - i] = token[i];
            }
            return out;
        }
    }

    private final MirrorContext context = new MirrorContext();
    private Optional<GsiContext> established = Optional.empty();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new ProtectedLines(1, 64, () -> established), new CommandDecoder());
    }

    private static void line(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private String wrappedToken(String command) {
        return Base64.getEncoder().encodeToString(context.wrap(command.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> outboundText(EmbeddedChannel ch) {
        List<String> lines = new ArrayList<>();
        Object msg;
        while ((msg = ch.readOutbound()) != null) {
            if (msg instanceof ByteBuf buf) {
                lines.add(buf.toString(StandardCharsets.US_ASCII));
                buf.release();
            } else {
                lines.add("REPLY " + msg);
            }
        }
        return lines;
    }

    /** Establishes the context the way the pipeline learns of it: a 235 going out. */
    private EmbeddedChannel authenticated() {
        EmbeddedChannel ch = channel();
        established = Optional.of(context);
        ch.writeOutbound(Replies.GSSAPI_OK);
        assertEquals(List.of("REPLY 235 GSSAPI Authentication successful."), outboundText(ch));
        return ch;
    }

    @Test
    void beforeAuthenticationLinesAndRepliesPassUntouched() {
        EmbeddedChannel ch = channel();
        line(ch, "USER alice");
        assertEquals("USER", ((FtpCommand) ch.readInbound()).verb());
        ch.writeOutbound(Replies.GSSAPI_OK); // a 235 without an established context changes nothing
        ch.writeOutbound(Reply.of(331, "Password required for alice."));
        assertEquals(List.of("REPLY 235 GSSAPI Authentication successful.", "REPLY 331 Password required for alice."),
                outboundText(ch));
    }

    @Test
    void wrappedCommandsAreUnwrappedWithTrailingNulsAndLineEndsRemoved() {
        EmbeddedChannel ch = authenticated();
        line(ch, "ENC " + wrappedToken("USER :globus-mapping:\r\n\0\0"));
        FtpCommand user = ch.readInbound();
        assertEquals("USER", user.verb());
        assertEquals(":globus-mapping:", user.argument());
        line(ch, "MIC " + wrappedToken("NOOP\r\nPWD\r\n"));
        assertEquals("NOOP", ((FtpCommand) ch.readInbound()).verb());
        assertEquals("PWD", ((FtpCommand) ch.readInbound()).verb());
    }

    @Test
    void eachReplyLineIsWrappedAtTheLevelOfTheLastCommand() {
        EmbeddedChannel ch = authenticated();
        line(ch, "ENC " + wrappedToken("FEAT\r\n"));
        ch.readInbound();
        ch.writeOutbound(Reply.multi(211, "Extensions supported", List.of(" SIZE"), "End."));
        List<String> out = outboundText(ch);
        assertEquals(1, out.size());
        String[] wire = out.get(0).split("\r\n");
        assertEquals(3, wire.length);
        assertTrue(wire[0].startsWith("632-") && wire[1].startsWith("632-") && wire[2].startsWith("632 "));
        assertEquals("211-Extensions supported\r\n", unwrap(wire[0].substring(4)));
        assertEquals(" SIZE\r\n", unwrap(wire[1].substring(4)));
        assertEquals("211 End.\r\n", unwrap(wire[2].substring(4)));

        line(ch, "MIC " + wrappedToken("NOOP\r\n"));
        ch.readInbound();
        ch.writeOutbound(Replies.NOOP);
        assertTrue(outboundText(ch).get(0).startsWith("631 "));
        line(ch, "CONF " + wrappedToken("NOOP\r\n"));
        ch.readInbound();
        ch.writeOutbound(Replies.NOOP);
        assertTrue(outboundText(ch).get(0).startsWith("633 "));
    }

    private String unwrap(String base64) {
        try {
            return new String(context.unwrap(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
        } catch (GsiException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPlainCommandAfterAuthenticationIsRefusedWith533InPlainText() {
        EmbeddedChannel ch = authenticated();
        line(ch, "DELE /important");
        FtpCommand refused = ch.readInbound();
        assertTrue(refused.isRejected());
        assertEquals(533, refused.rejection().code());
        assertFalse(refused.line().contains("/important"));
        ch.writeOutbound(refused.rejection());
        assertEquals(List.of("REPLY " + Replies.NOT_WRAPPED), outboundText(ch));
    }

    @Test
    void aWrappedCommandIsHeldToTheNormalLineLimit() {
        EmbeddedChannel ch = authenticated();
        line(ch, "ENC " + wrappedToken("STOR /" + "x".repeat(100) + "\r\n"));
        assertEquals(Replies.LINE_TOO_LONG, ((FtpCommand) ch.readInbound()).rejection());
    }

    @Test
    void badBase64IsA501AndABrokenTokenEndsTheSession() {
        EmbeddedChannel ch = authenticated();
        line(ch, "ENC !!!not base64");
        FtpCommand bad = ch.readInbound();
        assertEquals(501, bad.rejection().code());
        line(ch, "ENC " + Base64.getEncoder().encodeToString("no prefix".getBytes(StandardCharsets.US_ASCII)));
        FtpCommand broken = ch.readInbound();
        assertEquals(535, broken.rejection().code());
        assertTrue(broken.rejection().closeAfter());
        assertTrue(broken.rejection().text().contains("bad record MAC"));
        assertNull(ch.readInbound());
    }
}
