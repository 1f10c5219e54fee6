package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.BLOCK;
import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.complete;
import static org.gantry.itests.ModeETransfers.start;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Data channels over IPv6 loopback with a server listening on {@code ::1}: EPSV/EPRT (RFC 2428)
 * in stream mode and MODE E, and striped SPAS/SPOR with the {@code |2|addr|port|} form. Without
 * {@code ::1} on the machine the class fails; it does not skip.
 */
public class Ipv6DataChannelIT {

    private static final String V6_LOOPBACK = "::1";

    private static GantryInstance server;

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @BeforeClass
    public static void startServer() throws IOException {
        requireIpv6Loopback();
        Path work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("modee-ipv6"));
        server = new GantryInstance("modee-ipv6", work.resolve("root"), V6_LOOPBACK);
        server.start();
    }

    @AfterClass
    public static void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    private static void requireIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(V6_LOOPBACK))) {
            assertTrue("bound to " + probe.getInetAddress(), probe.getInetAddress() instanceof Inet6Address);
        } catch (IOException e) {
            throw new AssertionError("these tests need the IPv6 loopback address ::1, but a socket cannot bind "
                    + "to it on this machine (" + e + "); enable IPv6 on lo", e);
        }
    }

    @Test
    public void epsvUploadAndEprtDownloadInStreamMode() throws IOException {
        byte[] content = TestData.bytes(80, 777_777);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.controlSocket().setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
            ftp.command("TYPE I", 200);
            InetSocketAddress passive = ModeETransfers.extendedPassiveAddress(ftp);
            Socket upload = peer.connect(passive, 1).get(0);
            start(ftp, "STOR v6-stream.bin", 150);
            peer.raw(upload, content);
            peer.shutdownOutput(upload);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            FtpTestClient.expect(226, ftp.readReply(), "stream STOR over EPSV on ::1");
            assertStored(server.root().resolve("v6-stream.bin"), content);

            ModeETransfers.active(ftp, peer, true);
            start(ftp, "RETR v6-stream.bin", 150);
            Socket download = peer.accept(1, ModeEPeer.IO_TIMEOUT).get(0);
            assertIpv6Loopback(download);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            download.getInputStream().transferTo(received);
            FtpTestClient.expect(226, ftp.readReply(), "stream RETR over EPRT on ::1");
            assertArrayEquals("stream RETR over EPRT", content, received.toByteArray());
        }
    }

    @Test
    public void epsvUploadAndEprtDownloadInModeE() throws IOException {
        byte[] content = TestData.bytes(81, 1_300_000);
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = peer.connect(ModeETransfers.extendedPassiveAddress(ftp), 2);
            start(ftp, "STOR v6-e.bin", 150);
            peer.sendFile(data, content, ByteRanges.of(0, content.length), BLOCK, 81);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "MODE E STOR over EPSV on ::1");
            assertStored(server.root().resolve("v6-e.bin"), content);
        }
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.command("OPTS RETR Parallelism=2,2,2;", 200);
            ModeETransfers.active(ftp, peer, true);
            start(ftp, "RETR v6-e.bin", 150);
            List<Socket> data = peer.accept(2, ModeEPeer.IO_TIMEOUT);
            data.forEach(Ipv6DataChannelIT::assertIpv6Loopback);
            ModeEPeer.Received received = peer.receive(data, Duration.ofSeconds(20));
            complete(ftp, "MODE E RETR over EPRT on ::1");
            received.assertAccounting(2);
            received.assertContent(content, 0, ByteRanges.of(0, content.length));
        }
    }

    @Test
    public void spasUploadAndSporDownloadOverIpv6() throws IOException {
        byte[] content = TestData.bytes(82, 900_001);
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<InetSocketAddress> stripes = ModeETransfers.stripedPassive(ftp);
            assertEquals("stripes of a single-node server: " + stripes, 1, stripes.size());
            assertTrue("SPAS on an IPv6 control connection must name an IPv6 address: " + stripes,
                    stripes.get(0).getAddress() instanceof Inet6Address && stripes.get(0).getAddress().isLoopbackAddress());
            List<Socket> data = peer.connect(stripes.get(0), 2);
            ftp.command("ALLO " + content.length, 200);
            start(ftp, "STOR v6-striped.bin", 150);
            peer.sendFile(data, content, ByteRanges.of(0, content.length), BLOCK, 82);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "STOR after SPAS on ::1");
            assertStored(server.root().resolve("v6-striped.bin"), content);
        }
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.command("OPTS RETR Parallelism=2,2,2;", 200);
            InetSocketAddress listening = peer.listen(InetAddress.getByName(V6_LOOPBACK));
            ftp.command("SPOR " + ModeEPeer.extendedHostPort(listening), 200);
            start(ftp, "RETR v6-striped.bin", 150);
            List<Socket> data = peer.accept(2, ModeEPeer.IO_TIMEOUT);
            data.forEach(Ipv6DataChannelIT::assertIpv6Loopback);
            ModeEPeer.Received received = peer.receive(data, Duration.ofSeconds(20));
            complete(ftp, "RETR after SPOR |2|::1|port|");
            received.assertAccounting(2);
            received.assertContent(content, 0, ByteRanges.of(0, content.length));
        }
    }

    private static void assertIpv6Loopback(Socket accepted) {
        InetAddress from = accepted.getInetAddress();
        assertTrue("the server's data connection came from " + from + ", not ::1",
                from instanceof Inet6Address && from.isLoopbackAddress());
    }
}
