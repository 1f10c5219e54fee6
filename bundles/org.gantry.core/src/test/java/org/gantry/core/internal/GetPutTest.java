package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GridFTP v2 GET/PUT and delayed passive: 127/129 replies, placement, validation, the switch. */
class GetPutTest {

    private static final Pattern HOST_PORT = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");
    private static final Pattern EXTENDED = Pattern.compile("\\(\\|\\|\\|(\\d+)\\|\\)");

    private MemoryDsi dsi;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dsi = new MemoryDsi("mem");
        server = new TestServer(new TestConfig().set("getPut", true), dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getAndPutWithPasvAnnounceTheListenerIn127BeforeThe150() throws Exception {
        byte[] data = random(300_000);
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "TYPE I");
            TestFtpClient.FtpReply delayed = c.expect(127, "PUT path=/up.bin;pasv;");
            assertTrue(delayed.first().startsWith("127 Entering Passive Mode ("), delayed::toString);
            try (Socket s = TestFtpClient.dataSocket(hostPort(delayed))) {
                c.awaitReply(150);
                s.getOutputStream().write(data);
            }
            c.expect226();
            assertArrayEquals(data, dsi.content("/up.bin"));

            TestFtpClient.FtpReply get = c.expect(127, "GET path=/up.bin;pasv;");
            try (Socket s = TestFtpClient.dataSocket(hostPort(get))) {
                c.awaitReply(150);
                assertArrayEquals(data, s.getInputStream().readAllBytes());
            }
            c.expect226();
            assertEquals(List.of("RECEIVE /up.bin", "SEND /up.bin"), dsi.placements);
        }
    }

    @Test
    void getWithPortConnectsToTheClient() throws Exception {
        byte[] data = random(70_000);
        dsi.put("/f", data);
        try (TestFtpClient c = server.login("alice");
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int p = listener.getLocalPort();
            c.write("GET port=127,0,0,1," + (p >> 8) + "," + (p & 0xff) + ";path=/f;");
            try (Socket s = listener.accept()) {
                c.awaitReply(150);
                assertArrayEquals(data, s.getInputStream().readAllBytes());
            }
            c.expect226();
            assertTrue(dsi.placements.isEmpty(), "an active transfer asks no placement: " + dsi.placements);
        }
    }

    @Test
    void thePlacementHookChoosesTheAddressTheClientIsToldAndConnectsTo() throws Exception {
        dsi.placeAt = new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0);
        byte[] data = random(10_000);
        try (TestFtpClient c = server.login("alice")) {
            TestFtpClient.FtpReply delayed = c.expect(127, "PUT path=/placed;pasv;");
            InetSocketAddress address = hostPort(delayed);
            assertEquals("127.0.0.3", address.getAddress().getHostAddress(), delayed::toString);
            try (Socket s = TestFtpClient.dataSocket(address)) {
                c.awaitReply(150);
                s.getOutputStream().write(data);
            }
            c.expect226();
            assertArrayEquals(data, dsi.content("/placed"));
            // EPSV cannot say "the control address" for a placed listener: the address is spelt out.
            c.expect(200, "OPTS PASV AllowDelayed=1;");
            c.expect(200, "EPSV");
            c.write("RETR /placed");
            TestFtpClient.FtpReply extended = c.awaitReply(129);
            Matcher m = Pattern.compile("\\(\\|1\\|127\\.0\\.0\\.3\\|(\\d+)\\|\\)").matcher(extended.text());
            assertTrue(m.find(), extended::toString);
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("127.0.0.3", Integer.parseInt(m.group(1))))) {
                c.awaitReply(150);
                assertArrayEquals(data, s.getInputStream().readAllBytes());
            }
            c.expect226();
        }
    }

    @Test
    void delayedPassiveAnswersPasvAndEpsvWith200AndNamesTheListenerWhenTheFileIsKnown() throws Exception {
        byte[] data = random(5_000);
        dsi.put("/f", data);
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("200 OPTS Command Successful.", c.expect(200, "OPTS PASV AllowDelayed=1;").first());
            assertEquals("200 Passive delayed.", c.expect(200, "PASV").first());
            c.write("RETR /f");
            TestFtpClient.FtpReply delayed = c.awaitReply(127);
            try (Socket s = TestFtpClient.dataSocket(hostPort(delayed))) {
                c.awaitReply(150);
                assertArrayEquals(data, s.getInputStream().readAllBytes());
            }
            c.expect226();

            assertEquals("200 Passive delayed.", c.expect(200, "EPSV").first());
            c.write("LIST /");
            TestFtpClient.FtpReply listing = c.awaitReply(129);
            Matcher m = EXTENDED.matcher(listing.text());
            assertTrue(m.find(), listing::toString);
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))))) {
                c.awaitReply(150);
                String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains(" f"), text);
            }
            c.expect226();

            // A PORT ends delayed mode, as with the Globus server.
            c.expect(200, "PORT 127,0,0,1,4,1");
            c.expect(227, "PASV");
        }
    }

    @Test
    void badParametersGetClearRepliesAndTheSessionGoesOn() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertTrue(c.expect(501, "GET pasv;").text().contains("Missing path"));
            assertTrue(c.expect(501, "GET path=/f;pasv;port=127,0,0,1,4,1;").text().contains("both"));
            assertTrue(c.expect(501, "PUT path=/f;port=127,0,0,1,4;").text().contains("port"));
            assertTrue(c.expect(504, "GET path=/f;mode=X;pasv;").text().contains("MODE X"));
            c.expect(550, "GET path=/missing;pasv;");
            dsi.mkdirs("/dir");
            c.expect(550, "PUT path=/dir;pasv;");
            c.expect(550, "PUT path=/nodir/f;pasv;");
            // A refused command leaves the session's mode alone.
            dsi.put("/g", new byte[3]);
            c.expect(504, "GET path=/g;mode=E;pasv;");
            TestFtpClient.FtpReply delayed = c.expect(127, "GET path=/g;pasv;");
            try (Socket s = TestFtpClient.dataSocket(hostPort(delayed))) {
                c.awaitReply(150);
                assertEquals(3, s.getInputStream().readAllBytes().length);
            }
            c.expect226();
            c.expect(200, "MODE E");
            c.expect(504, "GET path=/f;pasv;");
            c.expect(504, "PUT path=/f;port=127,0,0,1,4,1;");
            c.expect(200, "NOOP");
            assertNull(dsi.content("/f"), "nothing was created");
        }
    }

    @Test
    void aborReachesATransferWaitingForItsPlacement() throws Exception {
        dsi.placementGate = new CompletableFuture<>();
        try (TestFtpClient c = server.login("alice")) {
            c.write("PUT path=/slow;pasv;");
            c.write("ABOR");
            assertEquals(426, c.reply().code(), "the PUT ends aborted, without a 127");
            c.awaitReply(226);
            dsi.placementGate.complete(null);
            c.expect(200, "NOOP");
            assertNull(dsi.content("/slow"));
        }
    }

    @Test
    void switchingGetPutOffRemovesItFromFeatAndRefusesTheCommands() throws Exception {
        // On here; off is the default (see ControlChannelTest).
        try (TestFtpClient c = server.login("alice")) {
            assertTrue(c.expect(211, "FEAT").lines().contains(" GETPUT"));
        }
        server.modify(new TestConfig().set("getPut", false));
        try (TestFtpClient c = server.login("alice")) {
            List<String> feat = c.expect(211, "FEAT").lines();
            assertTrue(feat.stream().noneMatch(l -> l.contains("GETPUT")), feat::toString);
            assertTrue(feat.contains(" PASV AllowDelayed;"), feat::toString);
            c.expect(502, "GET path=/f;pasv;");
            c.expect(502, "PUT path=/f;pasv;");
        }
    }

    private static InetSocketAddress hostPort(TestFtpClient.FtpReply reply) throws IOException {
        Matcher m = HOST_PORT.matcher(reply.text());
        if (!m.find()) {
            throw new IOException("no address in " + reply);
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        return new InetSocketAddress(host, Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
