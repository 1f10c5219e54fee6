package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.receive;
import static org.gantry.itests.ModeETransfers.start;
import static org.gantry.itests.ModeETransfers.store;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import org.junit.ClassRule;
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

    /** Fails, and does not skip, where ::1 cannot be bound. */
    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("modee-ipv6").listeningOn(V6_LOOPBACK);

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

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
            store(ftp, peer, peer.connect(ModeETransfers.extendedPassiveAddress(ftp), 2), "v6-e.bin", content, 81);
            assertStored(server.root().resolve("v6-e.bin"), content);
        }
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.activeParallel(ftp, peer, 2, true);
            start(ftp, "RETR v6-e.bin", 150);
            receiveFromIpv6Loopback(ftp, peer, content, "MODE E RETR over EPRT on ::1");
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
            store(ftp, peer, data, "v6-striped.bin", content, 82);
            assertStored(server.root().resolve("v6-striped.bin"), content);
        }
        try (FtpTestClient ftp = ModeETransfers.session(V6_LOOPBACK, server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.parallelism(ftp, 2);
            InetSocketAddress listening = peer.listen(InetAddress.getByName(V6_LOOPBACK));
            ftp.command("SPOR " + ModeEPeer.extendedHostPort(listening), 200);
            start(ftp, "RETR v6-striped.bin", 150);
            receiveFromIpv6Loopback(ftp, peer, content, "RETR after SPOR |2|::1|port|");
        }
    }

    /** The whole of {@code content} on the two connections the server opens from ::1. */
    private static void receiveFromIpv6Loopback(FtpTestClient ftp, ModeEPeer peer, byte[] content, String what)
            throws IOException {
        List<Socket> data = peer.accept(2, ModeEPeer.IO_TIMEOUT);
        data.forEach(Ipv6DataChannelIT::assertIpv6Loopback);
        receive(ftp, peer, data, what).assertContent(content, 0, ByteRanges.of(0, content.length));
    }

    private static void assertIpv6Loopback(Socket accepted) {
        InetAddress from = accepted.getInetAddress();
        assertTrue("the server's data connection came from " + from + ", not ::1",
                from instanceof Inet6Address && from.isLoopbackAddress());
    }
}
