package org.gantry.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The control pipeline's codecs on byte fixtures. */
class ControlCodecTest {

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new LineFramer(max), new TelnetFilter(), new CommandDecoder());
    }

    private static void feed(EmbeddedChannel ch, byte... bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void splitsOnCrlfAndLfAcrossReads() {
        EmbeddedChannel ch = channel(64);
        feed(ch, ascii("USER al"));
        assertNull(ch.readInbound());
        feed(ch, ascii("ice\r\nnoop\nRETR /a b\r\n"));
        FtpCommand user = ch.readInbound();
        assertEquals("USER", user.verb());
        assertEquals("alice", user.argument());
        FtpCommand noop = ch.readInbound();
        assertEquals("NOOP", noop.verb());
        FtpCommand retr = ch.readInbound();
        assertEquals("/a b", retr.argument());
    }

    @Test
    void overlongLinesBecomeOneRejectionAndFramingRecovers() {
        EmbeddedChannel ch = channel(64);
        feed(ch, ascii("X".repeat(50)));
        feed(ch, ascii("Y".repeat(50)));
        feed(ch, ascii("Z".repeat(50) + "\r\nNOOP\r\n" + "W".repeat(70) + "\r\n"));
        FtpCommand tooLong = ch.readInbound();
        assertEquals(Replies.LINE_TOO_LONG, tooLong.rejection());
        assertEquals("NOOP", ((FtpCommand) ch.readInbound()).verb());
        assertEquals(Replies.LINE_TOO_LONG, ((FtpCommand) ch.readInbound()).rejection());
        assertNull(ch.readInbound());
    }

    @Test
    void securityLinesMayCarryLongTokensButNotWithoutLimit() {
        EmbeddedChannel ch = channel(64);
        String token = "A".repeat(10_000);
        feed(ch, ascii("ADAT " + token.substring(0, 3000)));
        feed(ch, ascii(token.substring(3000) + "\r\nenc " + token + "\r\n"));
        assertEquals(token, ((FtpCommand) ch.readInbound()).argument());
        assertEquals("ENC", ((FtpCommand) ch.readInbound()).verb());
        feed(ch, ascii("ADAT " + "B".repeat(LineFramer.MAX_SECURITY_LINE) + "\r\nNOOP\r\n"));
        assertEquals(Replies.LINE_TOO_LONG, ((FtpCommand) ch.readInbound()).rejection());
        assertEquals("NOOP", ((FtpCommand) ch.readInbound()).verb());
        feed(ch, ascii("ADAX " + "C".repeat(100) + "\r\n"));
        assertEquals(Replies.LINE_TOO_LONG, ((FtpCommand) ch.readInbound()).rejection());
    }

    @Test
    void telnetSequencesAreRemoved() {
        EmbeddedChannel ch = channel(64);
        // IAC IP IAC DM ABOR; IAC WILL x; IAC IAC -> 0xFF would be invalid UTF-8 on its own
        feed(ch, new byte[] { (byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'A', 'B', 'O', 'R', '\r', '\n' });
        assertEquals("ABOR", ((FtpCommand) ch.readInbound()).verb());
        feed(ch, new byte[] { 'N', (byte) 0xFF, (byte) 0xFB, 1, 'O', 'O', 'P', '\n' });
        assertEquals("NOOP", ((FtpCommand) ch.readInbound()).verb());
        // urgent DM taken out of band: a lone IAC before an ordinary byte
        feed(ch, new byte[] { (byte) 0xFF, (byte) 0xF4, (byte) 0xFF, 'A', 'B', 'O', 'R', '\n' });
        assertEquals("ABOR", ((FtpCommand) ch.readInbound()).verb());
    }

    @Test
    void invalidUtf8IsRejectedAndEmptyLinesIgnored() {
        EmbeddedChannel ch = channel(64);
        feed(ch, new byte[] { '\r', '\n', 'M', 'K', 'D', ' ', (byte) 0xC3, '(', '\n' });
        FtpCommand bad = ch.readInbound();
        assertEquals(Replies.BAD_ENCODING, bad.rejection());
        assertNull(ch.readInbound());
        feed(ch, "MKD ü\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("ü", ((FtpCommand) ch.readInbound()).argument());
    }

    @Test
    void repliesAreEncodedWithCrlfAndControlCharactersNeutralised() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyEncoder());
        ch.writeOutbound(Reply.multi(211, "Extensions supported", java.util.List.of(" SIZE"), "End."));
        ch.writeOutbound(Reply.of(550, "/a\r\n226 fake: No such file or directory."));
        ByteBuf first = ch.readOutbound();
        assertEquals("211-Extensions supported\r\n SIZE\r\n211 End.\r\n", first.toString(StandardCharsets.UTF_8));
        ByteBuf second = ch.readOutbound();
        String text = second.toString(StandardCharsets.UTF_8);
        assertEquals("550 /a??226 fake: No such file or directory.\r\n", text);
        assertTrue(text.indexOf('\n') == text.length() - 1);
        first.release();
        second.release();
    }
}
