package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Data connections to and from hosts other than the client (FTP bounce): two servers listen on
 * 127.0.0.2 and 127.0.0.3, and every client connects from 127.0.0.1. By default the servers
 * refuse PORT/EPRT naming another host (504) and close passive connections from other hosts;
 * {@code portToOtherHosts} and {@code passiveFromOtherHosts} lift that, which plain ftp
 * third-party copies between the two servers need.
 */
public class DataPeerIT {

    private static final String CLIENT = "127.0.0.1";
    private static final String HOST_A = "127.0.0.2";
    private static final String HOST_B = "127.0.0.3";
    private static final String REFUSAL = "not the client's address";
    private static final Duration CONFIG_APPLIED = Duration.ofSeconds(30);
    private static final AtomicInteger CONFIGURATIONS = new AtomicInteger();

    @ClassRule
    public static final LaunchedServer serverA =
            new LaunchedServer("peers-a").requiring("globus-url-copy").listeningOn(HOST_A);
    @ClassRule
    public static final LaunchedServer serverB = new LaunchedServer("peers-b").listeningOn(HOST_B);

    /** Every test starts from the defaults (the metatype's: both off) and lifts what it needs. */
    @Before
    public void defaults() throws IOException {
        allowOtherHosts(serverA, false, false);
        allowOtherHosts(serverB, false, false);
    }

    @Test
    public void portAndEprtToAnotherHostAreRefused() throws IOException {
        fileOnA("refused.bin", 11, 64 * 1024);
        try (FtpTestClient ftp = clientOf(serverA); ServerSocket other = listener(HOST_B)) {
            int p = other.getLocalPort();
            assertRefused(ftp.command("PORT " + pasvForm(HOST_B, p)), "PORT " + HOST_B);
            assertRefused(ftp.command("EPRT |1|" + HOST_B + "|" + p + "|"), "EPRT " + HOST_B);
            assertRefused(ftp.command("SPOR " + pasvForm(HOST_B, p)), "SPOR " + HOST_B);
            FtpReply retr = ftp.command("RETR refused.bin");
            assertFalse("RETR after refused PORTs must not start a transfer: " + retr, retr.isPreliminary());
            other.setSoTimeout(2_000);
            try (Socket unexpected = other.accept()) {
                throw new AssertionError("the server connected to " + HOST_B + " from " + unexpected.getInetAddress());
            } catch (SocketTimeoutException expected) {
                // nothing reached the other host
            }
        }
    }

    @Test
    public void portToTheClientWorks() throws IOException {
        byte[] content = fileOnA("to-client.bin", 12, 256 * 1024);
        try (FtpTestClient ftp = clientOf(serverA); ServerSocket own = listener(CLIENT)) {
            FtpTestClient.expect(200, ftp.command("PORT " + pasvForm(CLIENT, own.getLocalPort())), "PORT " + CLIENT);
            assertArrayEquals("bytes at the client's listener", content, activeRetrieve(ftp, own, "to-client.bin"));
        }
    }

    @Test
    public void portToOtherHostsLetsDataReachThem() throws IOException {
        allowOtherHosts(serverA, true, false);
        byte[] content = fileOnA("to-other.bin", 13, 256 * 1024);
        try (FtpTestClient ftp = clientOf(serverA); ServerSocket other = listener(HOST_B)) {
            FtpTestClient.expect(200, ftp.command("PORT " + pasvForm(HOST_B, other.getLocalPort())), "PORT " + HOST_B);
            assertArrayEquals("bytes at " + HOST_B, content, activeRetrieve(ftp, other, "to-other.bin"));
            FtpTestClient.expect(200, ftp.command("EPRT |1|" + HOST_B + "|" + other.getLocalPort() + "|"), "EPRT");
            assertArrayEquals("bytes at " + HOST_B + " after EPRT", content, activeRetrieve(ftp, other, "to-other.bin"));
        }
    }

    @Test
    public void passiveConnectionFromAnotherHostIsClosed() throws IOException {
        byte[] content = fileOnA("passive.bin", 14, 64 * 1024);
        try (FtpTestClient ftp = clientOf(serverA)) {
            InetSocketAddress data = binaryPassive(ftp);
            try (Socket stranger = connectFrom(HOST_B, data)) {
                assertEquals("the server must close the connection from " + HOST_B, -1, stranger.getInputStream().read());
            }
            // The listener still waits for the client, who gets the file.
            try (Socket own = connectFrom(CLIENT, data)) {
                assertArrayEquals("bytes over the client's own connection", content,
                        passiveRetrieve(ftp, own, "passive.bin"));
            }
        }
    }

    @Test
    public void passiveFromOtherHostsLetsThemConnect() throws IOException {
        allowOtherHosts(serverA, false, true);
        byte[] content = fileOnA("passive-other.bin", 15, 64 * 1024);
        try (FtpTestClient ftp = clientOf(serverA)) {
            InetSocketAddress data = binaryPassive(ftp);
            try (Socket other = connectFrom(HOST_B, data)) {
                assertArrayEquals("bytes over " + HOST_B + "'s connection", content,
                        passiveRetrieve(ftp, other, "passive-other.bin"));
            }
        }
    }

    @Test
    public void thirdPartyCopyBetweenHostsIsRefusedByDefault() throws IOException {
        String output = failedCopy("3pt-refused.bin", 16);
        assertTrue("the client must see the refusal of the PORT:\n" + output, output.contains("504 ")
                && output.contains(REFUSAL));
    }

    /** The active side may connect, but the passive side closes the connection from the other server. */
    @Test
    public void thirdPartyCopyBetweenHostsNeedsPassiveFromOtherHostsToo() throws IOException {
        allowOtherHosts(serverA, true, false);
        allowOtherHosts(serverB, true, false);
        String output = failedCopy("3pt-half.bin", 18);
        assertTrue("the active side must have accepted the PORT:\n" + output,
                output.contains("200 PORT Command successful."));
        assertTrue("the sender must report its data connection closed (426):\n" + output, output.contains("426 "));
    }

    @Test
    public void thirdPartyCopyBetweenHostsWorksWhenAllowed() throws IOException {
        allowOtherHosts(serverA, true, true);
        allowOtherHosts(serverB, true, true);
        Path source = TestData.randomFile(serverA.root().resolve("3pt-allowed.bin"), 17, 16L << 20);
        GucDebugLog log = GlobusUrlCopy.debug(serverA.url("3pt-allowed.bin"), serverB.url("3pt-allowed.bin"));
        assertTrue("one server must have been told to connect to the other's address:\n" + log.excerpt(),
                log.output().contains("PORT " + HOST_A.replace('.', ',')) || log.output().contains("PORT " + HOST_B.replace('.', ',')));
        TestData.assertSameContent(source, serverB.root().resolve("3pt-allowed.bin"));
    }

    /**
     * Copies a new file {@code name} from A to B with globus-url-copy -dbg, which must fail and
     * leave no complete copy behind; returns the client's output (commands and replies).
     */
    private static String failedCopy(String name, long seed) throws IOException {
        Path source = TestData.randomFile(serverA.root().resolve(name), seed, 4L << 20);
        Path copy = serverB.root().resolve(name);
        CommandRunner.Result result = CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(),
                List.of("globus-url-copy", "-dbg", serverA.url(name), serverB.url(name)));
        assertNotEquals("globus-url-copy must fail:\n" + result.output(), 0, result.exitCode());
        assertFalse("no copy of the whole file may be left",
                Files.exists(copy) && Files.size(copy) == Files.size(source));
        return result.output();
    }

    /**
     * Sets the two options of {@code server} in one configuration update, with a new banner, and
     * waits until new sessions greet with that banner: then the whole update is in force.
     */
    private static void allowOtherHosts(LaunchedServer server, boolean port, boolean passive) throws IOException {
        String banner = "DataPeerIT-configuration-" + CONFIGURATIONS.incrementAndGet();
        server.shell("config:edit org.gantry.server; config:property-set portToOtherHosts " + port
                + "; config:property-set passiveFromOtherHosts " + passive
                + "; config:property-set banner " + banner + "; config:update");
        Await.until("banner " + banner + " (portToOtherHosts=" + port + ", passiveFromOtherHosts=" + passive
                + ") on " + server.url(""), CONFIG_APPLIED, () -> bannerOf(server).contains(banner),
                () -> bannerOf(server));
    }

    private static String bannerOf(LaunchedServer server) {
        try (Socket control = new Socket(hostOf(server), server.port())) {
            control.setSoTimeout(FtpTestClient.READ_TIMEOUT_MILLIS);
            return new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostOf(LaunchedServer server) {
        return server == serverA ? HOST_A : HOST_B;
    }

    /** A logged-in control connection from {@value #CLIENT}, whatever address the server listens on. */
    private static FtpTestClient clientOf(LaunchedServer server) throws IOException {
        FtpTestClient ftp = FtpTestClient.loggedIn(hostOf(server), server.port());
        assertEquals("local address of the control connection", InetAddress.getByName(CLIENT),
                ftp.controlSocket().getLocalAddress());
        return ftp;
    }

    private static void assertRefused(FtpReply reply, String what) {
        FtpTestClient.expect(504, reply, what);
        assertTrue(what + " must say why: " + reply, reply.lines().get(0).contains(REFUSAL));
    }

    /** RETR over the connection the server opens to {@code listener}; the bytes received. */
    private static byte[] activeRetrieve(FtpTestClient ftp, ServerSocket listener, String path) throws IOException {
        ftp.command("TYPE I", 200);
        ftp.sendLine("RETR " + path);
        byte[] received;
        try (Socket data = listener.accept()) {
            FtpTestClient.expect(150, ftp.readReply(), "RETR " + path);
            received = data.getInputStream().readAllBytes();
        }
        FtpTestClient.expect(226, ftp.readReply(), "RETR " + path);
        return received;
    }

    /** Writes {@code size} bytes of seeded content to {@code name} on server A; returns them. */
    private static byte[] fileOnA(String name, long seed, int size) throws IOException {
        byte[] content = TestData.bytes(seed, size);
        Files.write(serverA.root().resolve(name), content);
        return content;
    }

    /** TYPE I and PASV: the data address the server listens on. */
    private static InetSocketAddress binaryPassive(FtpTestClient ftp) throws IOException {
        ftp.command("TYPE I", 200);
        return ftp.passiveAddress();
    }

    /** RETR over {@code data}, a connection already made to the session's passive listener. */
    private static byte[] passiveRetrieve(FtpTestClient ftp, Socket data, String path) throws IOException {
        FtpTestClient.expect(150, ftp.command("RETR " + path), "RETR " + path);
        byte[] received = data.getInputStream().readAllBytes();
        FtpTestClient.expect(226, ftp.readReply(), "RETR " + path);
        return received;
    }

    private static ServerSocket listener(String host) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(host));
        listener.setSoTimeout(FtpTestClient.READ_TIMEOUT_MILLIS);
        return listener;
    }

    private static Socket connectFrom(String host, InetSocketAddress target) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(host, 0));
        socket.connect(target, 10_000);
        socket.setSoTimeout(FtpTestClient.READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String pasvForm(String host, int port) {
        return host.replace('.', ',') + "," + (port >> 8) + "," + (port & 0xff);
    }
}
