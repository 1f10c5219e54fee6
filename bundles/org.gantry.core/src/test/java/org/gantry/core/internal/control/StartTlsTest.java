package org.gantry.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.TlsLogin;
import org.gantry.security.api.DataChannelSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;

/** The switch to TLS after AUTH TLS: the 234 leaves in clear, then TLS; clear lines behind AUTH TLS are dropped. */
class StartTlsTest {

    private final TlsLogin login = new TlsLogin();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReplyEncoder(), new StartTls(1, login));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf line(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private String nextLineIn() {
        ByteBuf in = channel.readInbound();
        try {
            return in == null ? null : in.toString(StandardCharsets.US_ASCII);
        } finally {
            if (in != null) {
                in.release();
            }
        }
    }

    private static SSLEngine serverEngine() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    @Test
    void the234LeavesInClearAndTlsIsThenInFrontOfEverything() throws Exception {
        channel.writeInbound(line("AUTH TLS"));
        assertEquals("AUTH TLS", nextLineIn());
        login.start(serverEngine(), DataChannelSecurityStub.INSTANCE);
        channel.writeOutbound(Replies.AUTH_TLS_OK);
        ByteBuf out = channel.readOutbound();
        assertEquals("234 Using authentication type TLS.\r\n", out.toString(StandardCharsets.US_ASCII));
        out.release();
        assertInstanceOf(SslHandler.class, channel.pipeline().first());
        assertEquals(StartTls.TLS, channel.pipeline().names().get(0));
    }

    @Test
    void clearLinesPipelinedBehindAuthTlsAreDropped() throws Exception {
        channel.writeInbound(line("AUTH TLS"), line("USER mallory"), line("DELE /important"));
        assertEquals("AUTH TLS", nextLineIn());
        assertNull(nextLineIn(), "a line sent in clear after AUTH TLS got through");
    }

    @Test
    void aRefusedAuthTlsLetsTheClientGoOnInClear() {
        channel.writeInbound(line("AUTH TLS"));
        assertEquals("AUTH TLS", nextLineIn());
        channel.writeOutbound(Replies.tlsUnavailable("no host certificate configured"));
        ((ByteBuf) channel.readOutbound()).release();
        channel.writeInbound(line("USER alice"));
        assertEquals("USER alice", nextLineIn());
        assertEquals(ReplyEncoder.class, channel.pipeline().first().getClass(), "no TLS without the 234");
    }

    @Test
    void authGssapiIsNotAwaitingTls() {
        channel.writeInbound(line("AUTH GSSAPI"), line("ADAT AAAA"));
        assertEquals("AUTH GSSAPI", nextLineIn());
        assertEquals("ADAT AAAA", nextLineIn());
    }

    /** Stands for the data channel security the 234 path does not touch. */
    private enum DataChannelSecurityStub implements DataChannelSecurity {
        INSTANCE;

        @Override
        public SSLEngine newEngine(boolean activeSide) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean protectsData() {
            return true;
        }

        @Override
        public String expectedPeer() {
            return "anyone";
        }
    }
}
