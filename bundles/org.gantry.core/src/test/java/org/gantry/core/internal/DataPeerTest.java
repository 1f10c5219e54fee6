package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Data connections to and from hosts other than the client (FTP bounce): the client connects
 * from 127.0.0.1, the other host is 127.0.0.3.
 */
class DataPeerTest {

    private static final byte[] DATA = "bounce payload".getBytes(StandardCharsets.UTF_8);
    private static final String OTHER = "127.0.0.3";
    private static final String REFUSED =
            "504 Data connection to 127.0.0.3 refused: not the client's address (needs DCAU, or portToOtherHosts on the server).";

    private static MemoryDsi dsi() {
        MemoryDsi dsi = new MemoryDsi("mem");
        dsi.put("/f", DATA);
        return dsi;
    }

    private static ServerSocket listenerOn(String host) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(host));
        listener.setSoTimeout(2_000);
        return listener;
    }

    private static String port(int p) {
        return (p >> 8) + "," + (p & 0xff);
    }

    @Test
    void activeCommandsNamingAnotherHostAreRefusedAndNothingConnects() throws Exception {
        TestConfig config = new TestConfig().set("getPut", true);
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice");
                ServerSocket other = listenerOn(OTHER)) {
            int p = other.getLocalPort();
            assertEquals(REFUSED, c.expect(504, "PORT 127,0,0,3," + port(p)).first());
            assertEquals(REFUSED, c.expect(504, "EPRT |1|127.0.0.3|" + p + "|").first());
            assertEquals(REFUSED, c.expect(504, "SPOR 127,0,0,1," + port(p) + " 127,0,0,3," + port(p)).first());
            assertEquals(REFUSED, c.expect(504, "GET port=127,0,0,3," + port(p) + ";path=/f;").first());
            assertThrows(SocketTimeoutException.class, other::accept, "the server connected to the other host");
            // The refused commands left no setup: a transfer now has no data channel.
            assertEquals(425, c.send("RETR /f").code());
        }
    }

    @Test
    void activeCommandsNamingTheClientStillWork() throws Exception {
        try (TestServer server = TestServer.withMemory(dsi()); TestFtpClient c = server.login("alice");
                ServerSocket own = listenerOn("127.0.0.1")) {
            c.expect(200, "PORT 127,0,0,1," + port(own.getLocalPort()));
            assertRetrievedActively(c, own);
        }
    }

    @Test
    void portToOtherHostsLetsTheServerConnectThere() throws Exception {
        TestConfig config = new TestConfig().set("portToOtherHosts", true);
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice");
                ServerSocket other = listenerOn(OTHER)) {
            c.expect(200, "EPRT |1|127.0.0.3|" + other.getLocalPort() + "|");
            assertRetrievedActively(c, other);
        }
    }

    @Test
    void passiveConnectionFromAnotherHostIsClosedAndTheClientsStillServed() throws Exception {
        try (TestServer server = TestServer.withMemory(dsi()); TestFtpClient c = server.login("alice")) {
            InetSocketAddress data = c.pasv();
            try (Socket stranger = connectFrom(OTHER, data)) {
                assertEquals(-1, stranger.getInputStream().read(), "the stranger's connection was not closed");
            }
            try (Socket s = TestFtpClient.dataSocket(data)) {
                assertRetrievedOver(c, s);
            }
        }
    }

    @Test
    void passiveFromOtherHostsLetsAnotherHostConnect() throws Exception {
        TestConfig config = new TestConfig().set("passiveFromOtherHosts", true);
        try (TestServer server = new TestServer(config, dsi()); TestFtpClient c = server.login("alice")) {
            InetSocketAddress data = c.pasv();
            try (Socket s = connectFrom(OTHER, data)) {
                assertRetrievedOver(c, s);
            }
        }
    }

    /** RETR of the file over the connection the server opens to {@code listener}. */
    private static void assertRetrievedActively(TestFtpClient c, ServerSocket listener) throws IOException {
        c.write("RETR /f");
        try (Socket s = listener.accept()) {
            assertEquals(150, c.reply().code());
            assertArrayEquals(DATA, s.getInputStream().readAllBytes());
        }
        c.expect226();
    }

    /** RETR of the file over the passive connection {@code s}. */
    private static void assertRetrievedOver(TestFtpClient c, Socket s) throws IOException {
        c.expect(150, "RETR /f");
        assertArrayEquals(DATA, s.getInputStream().readAllBytes());
        c.expect226();
    }

    private static Socket connectFrom(String host, InetSocketAddress target) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(host, 0));
        s.connect(target, TestFtpClient.TIMEOUT_MILLIS);
        s.setSoTimeout(TestFtpClient.TIMEOUT_MILLIS);
        return s;
    }
}
