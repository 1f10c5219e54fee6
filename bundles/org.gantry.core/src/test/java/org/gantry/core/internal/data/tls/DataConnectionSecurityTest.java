package org.gantry.core.internal.data.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.security.api.DataChannelSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Data connections through {@link DataConnectionSecurity} on real sockets: the TLS handshake in
 * both roles, clear data right behind it (PROT C) or inside TLS (PROT P), nothing lost between the
 * handshake and the transfer's first read, and refused peers.
 */
class DataConnectionSecurityTest {

    private static EventLoopGroup group;
    private static SSLContext alice;
    private static SSLContext mallory;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        alice = context(dir, "alice");
        mallory = context(dir, "mallory");
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "private={0}, server connects={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void dataSentRightAfterTheHandshakeArrivesWhole(boolean privateData, boolean serverConnects) throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(payload);
        TestSecurity security = new TestSecurity(alice, privateData);
        Pair pair = connect(DataConnectionSecurity.of(security), DataConnectionSecurity.of(security), serverConnects);
        assertEquals(privateData, DataConnectionSecurity.encrypts(pair.receiver));
        assertEquals(privateData, DataConnectionSecurity.encrypts(pair.sender));

        // The sender writes at once; the receiver starts reading only a while later, as a
        // transfer does once its command has run. Like a transfer, the sender drains its input.
        pair.sender.config().setAutoRead(true);
        pair.sender.writeAndFlush(Unpooled.wrappedBuffer(payload)).sync();
        pair.sender.close().sync();
        Thread.sleep(200);
        byte[] received = readAll(pair.receiver);

        assertArrayEquals(payload, received);
    }

    @Test
    void aPeerWithAnotherCredentialIsRefused() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect(
                DataConnectionSecurity.of(new TestSecurity(alice, false)),
                DataConnectionSecurity.of(new TestSecurity(mallory, false)), false));
        assertTrue(e.getCause() instanceof FtpReplyException, e.toString());
        assertTrue(e.getCause().getMessage().startsWith("425 "), e.getCause().getMessage());
    }

    @Test
    void anUnavailableChoiceFailsEachConnectionWithItsReason() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect(
                DataConnectionSecurity.unavailable("no delegated credential"),
                DataConnectionSecurity.NONE, false));
        assertTrue(e.getCause().getMessage().contains("no delegated credential"), e.getCause().getMessage());
    }

    @Test
    void clearConnectionsAreLeftAlone() throws Exception {
        Pair pair = connect(DataConnectionSecurity.NONE, DataConnectionSecurity.NONE, false);
        pair.sender.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})).sync();
        pair.sender.close().sync();
        assertFalse(DataConnectionSecurity.encrypts(pair.receiver));
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(pair.receiver));
    }

    private record Pair(Channel sender, Channel receiver) {
    }

    /**
     * A connection between a "server" side (the code under test, on either end) and a "client"
     * side; both ends are secured. With {@code serverConnects}, the server side is the active one.
     */
    private static Pair connect(DataConnectionSecurity serverSide, DataConnectionSecurity clientSide,
            boolean serverConnects) throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        DataConnectionSecurity security = serverConnects ? clientSide : serverSide;
                        security.secure(ch, false).whenComplete((c, t) -> {
                            if (t != null) {
                                accepted.completeExceptionally(t);
                            } else {
                                accepted.complete(c);
                            }
                        });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            Channel connecting = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(listener.localAddress()).sync().channel();
            DataConnectionSecurity active = serverConnects ? serverSide : clientSide;
            Channel connected = active.secure(connecting, true).toCompletableFuture().get(20, TimeUnit.SECONDS);
            Channel acceptedChannel = accepted.get(20, TimeUnit.SECONDS);
            // The server side receives: as the MODE E sender is always the active side, test both.
            return serverConnects ? new Pair(acceptedChannel, connected) : new Pair(connected, acceptedChannel);
        } finally {
            listener.close();
        }
    }

    /** Reads with auto-read off, as transfers do: one read per request, until the peer closes. */
    private static byte[] readAll(Channel channel) throws Exception {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        channel.eventLoop().submit(() -> {
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf data = (ByteBuf) msg;
                    byte[] bytes = new byte[data.readableBytes()];
                    data.readBytes(bytes);
                    data.release();
                    out.writeBytes(bytes);
                }

                @Override
                public void channelReadComplete(ChannelHandlerContext ctx) {
                    ctx.channel().read();
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    all.complete(out.toByteArray());
                }
            });
            channel.read();
        }).sync();
        return all.get(20, TimeUnit.SECONDS);
    }

    /** Both sides present the same credential and trust only it, as with DCAU A. */
    private record TestSecurity(SSLContext context, boolean protectsData) implements DataChannelSecurity {

        @Override
        public SSLEngine newEngine(boolean activeSide) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(activeSide);
            engine.setNeedClientAuth(!activeSide);
            return engine;
        }

        @Override
        public String expectedPeer() {
            return "CN=test";
        }
    }

    /** A self-signed credential made with the JDK's keytool, trusted by nothing but itself. */
    private static SSLContext context(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-validity", "2")
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = keytool.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        if (keytool.waitFor() != 0 || !Files.exists(store)) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        // As the security bundle does: no TLS 1.3 session tickets, which PROT C could not tell from data.
        context.getServerSessionContext().setSessionTimeout(7 * 24 * 3600 + 1);
        return context;
    }
}
