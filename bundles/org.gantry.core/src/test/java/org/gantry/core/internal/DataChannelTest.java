package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** PASV/EPSV/PORT/EPRT over IPv4 and IPv6, advertised versus bind address, passive port range. */
class DataChannelTest {

    private static final byte[] DATA = "data channel payload".getBytes(StandardCharsets.UTF_8);

    private static MemoryDsi dsi() {
        MemoryDsi dsi = new MemoryDsi("mem");
        dsi.put("/f", DATA);
        return dsi;
    }

    /** Sends {@code command} on an active data connection the server opens to {@code listener}. */
    private static byte[] activeDownload(TestFtpClient c, ServerSocket listener, String command) throws Exception {
        c.write(command);
        try (Socket s = listener.accept()) {
            assertEquals(150, c.reply().code());
            byte[] bytes = s.getInputStream().readAllBytes();
            c.expect226();
            return bytes;
        }
    }

    @Test
    void epsvAndEprtOverIpv4() throws Exception {
        try (TestServer server = TestServer.withMemory(dsi()); TestFtpClient c = server.login("alice")) {
            int port = c.epsv();
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("127.0.0.1", port))) {
                c.expect(150, "RETR /f");
                assertArrayEquals(DATA, s.getInputStream().readAllBytes());
                c.expect226();
            }
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                listener.setSoTimeout(TestFtpClient.TIMEOUT_MILLIS);
                assertEquals("200 EPRT Command successful.",
                        c.expect(200, "EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|").first());
                assertArrayEquals(DATA, activeDownload(c, listener, "RETR /f"));
                int p = listener.getLocalPort();
                assertEquals("200 PORT Command successful.",
                        c.expect(200, "PORT 127,0,0,1," + (p >> 8) + "," + (p & 0xff)).first());
                assertArrayEquals(DATA, activeDownload(c, listener, "RETR /f"));
            }
        }
    }

    @Test
    void epsvAndEprtOverIpv6() throws Exception {
        try (TestServer server = new TestServer(new TestConfig().set("listenAddress", "::1"), dsi());
                TestFtpClient c = server.login("alice")) {
            assertEquals(522, c.send("PASV").code(), "PASV cannot name an IPv6 address");
            int port = c.epsv();
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("::1", port))) {
                c.expect(150, "RETR /f");
                assertArrayEquals(DATA, s.getInputStream().readAllBytes());
                c.expect226();
            }
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
                listener.setSoTimeout(TestFtpClient.TIMEOUT_MILLIS);
                c.expect(200, "EPRT |2|::1|" + listener.getLocalPort() + "|");
                assertArrayEquals(DATA, activeDownload(c, listener, "RETR /f"));
            }
        }
    }

    @Test
    void badActiveAddressesAreRefused() throws Exception {
        try (TestServer server = TestServer.withMemory(dsi()); TestFtpClient c = server.login("alice")) {
            assertEquals("501 Illegal PORT command.", c.expect(501, "PORT 127,0,0,1,0,21").first());
            c.expect(501, "PORT 1,2,3");
            c.expect(501, "PORT 300,0,0,1,10,10");
            c.expect(501, "EPRT |1|127.0.0.1|99999|");
            c.expect(501, "EPRT |1|localhost|5000|");
            c.expect(522, "EPRT |3|127.0.0.1|5000|");
            c.expect(200, "EPSV ALL");
            c.expect(503, "PASV");
            c.expect(503, "PORT 127,0,0,1,20,20");
            c.epsv();
        }
    }

    @Test
    void advertisedAddressIsSeparateFromTheBindAddress() throws Exception {
        TestConfig config = new TestConfig().set("advertisedAddress", "127.0.0.2");
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice")) {
            InetSocketAddress advertised = c.pasv();
            assertEquals("127.0.0.2", advertised.getAddress().getHostAddress());
            // The listener is on the bind address (the control connection's local address).
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("127.0.0.1", advertised.getPort()))) {
                c.expect(150, "RETR /f");
                assertArrayEquals(DATA, s.getInputStream().readAllBytes());
                c.expect226();
            }
        }
        config = new TestConfig().set("dataBindAddress", "127.0.0.2").set("advertisedAddress", "127.0.0.3");
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice")) {
            InetSocketAddress advertised = c.pasv();
            assertEquals("127.0.0.3", advertised.getAddress().getHostAddress());
            try (Socket s = TestFtpClient.dataSocket(new InetSocketAddress("127.0.0.2", advertised.getPort()))) {
                c.expect(150, "RETR /f");
                assertArrayEquals(DATA, s.getInputStream().readAllBytes());
                c.expect226();
            }
        }
    }

    @Test
    void passivePortRangeIsHonoured() throws Exception {
        int low;
        try (ServerSocket probe = new ServerSocket(0)) {
            low = Math.min(probe.getLocalPort(), 65000);
        }
        int high = low + 20;
        TestConfig config = new TestConfig().set("passivePortRange", low + "-" + high);
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice")) {
            for (int i = 0; i < 5; i++) {
                int port = c.pasv().getPort();
                assertTrue(port >= low && port <= high, port + " outside " + low + "-" + high);
            }
            int port = c.epsv();
            assertTrue(port >= low && port <= high, port + " outside " + low + "-" + high);
        }
    }

    @Test
    void exhaustedPortRangeIs425() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int p = taken.getLocalPort();
            TestConfig config = new TestConfig().set("passivePortRange", p + "-" + p);
            try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice")) {
                assertEquals(425, c.send("PASV").code());
                c.expect(200, "NOOP");
            }
        }
    }
}
