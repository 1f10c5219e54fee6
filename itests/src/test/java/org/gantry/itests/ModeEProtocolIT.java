package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.BLOCK;
import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.complete;
import static org.gantry.itests.ModeETransfers.passive;
import static org.gantry.itests.ModeETransfers.receive;
import static org.gantry.itests.ModeETransfers.start;
import static org.gantry.itests.ModeETransfers.store;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * MODE E on the wire as real clients speak it, with a raw client: parallel uploads whose blocks
 * arrive out of order across connections, the EOF/EOD accounting (also when EOF comes first and
 * for an empty file), parallel downloads reassembled by offset, data-channel caching (125 and no
 * new connections) and striped passive/active (SPAS/SPOR) on IPv4.
 */
public class ModeEProtocolIT {

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("modee-protocol");

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Test
    public void uploadOnTwoConnectionsWithBlocksOutOfOrderAndNoAllo() throws IOException {
        uploadShuffled("two.bin", TestData.bytes(1, 1_000_003), 2, false);
    }

    @Test
    public void uploadOnFourConnectionsWithBlocksOutOfOrder() throws IOException {
        uploadShuffled("four.bin", TestData.bytes(2, 2_500_001), 4, true);
    }

    private static void uploadShuffled(String name, byte[] content, int connections, boolean allo)
            throws IOException {
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, connections);
            if (allo) {
                ftp.command("ALLO " + content.length, 200);
            }
            store(ftp, peer, data, name, content, connections * 7L);
            assertStored(server.root().resolve(name), content);
        }
    }

    /**
     * One connection finishes with EOF|EOD (count 4) while the three others still have data to
     * send: the server must go on until it has all four EODs.
     */
    @Test
    public void eofOnOneConnectionBeforeTheOthersFinish() throws IOException {
        byte[] content = TestData.bytes(3, 1_500_000);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, 4);
            start(ftp, "STOR eof-first.bin", 150);
            List<ModeEPeer.Planned> plan = ModeEPeer.plan(ByteRanges.of(0, content.length), BLOCK, 4, 33);
            peer.send(data, content, plan.stream().filter(b -> b.connection() == 0).toList());
            peer.eof(data.get(0), ModeEBlock.EOD, 4);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            peer.pause(Duration.ofMillis(500));
            peer.flush(ModeEPeer.IO_TIMEOUT);
            for (FtpReply early : ModeETransfers.arrived(ftp)) {
                assertTrue("only markers may come while 3 of 4 EODs are missing, got " + early,
                        ModeETransfers.isMarker(early));
            }
            peer.send(data, content, plan.stream().filter(b -> b.connection() != 0).toList());
            for (int i = 1; i < 4; i++) {
                peer.eod(data.get(i));
            }
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "STOR eof-first.bin");
            assertStored(server.root().resolve("eof-first.bin"), content);
        }
    }

    /** An empty file is one header EOF|EOD, count 0, EOD count 1; it replaces older content. */
    @Test
    public void zeroByteFileIsASingleEofEodHeader() throws IOException {
        Path file = server.root().resolve("empty.bin");
        Files.write(file, TestData.bytes(4, 1000));
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, 1);
            start(ftp, "STOR empty.bin", 150);
            peer.eof(data.get(0), ModeEBlock.EOD, 1);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "STOR of an empty file");
            assertStored(file, new byte[0]);
            assertEquals(0, ftp.size("empty.bin"));
        }
    }

    @Test
    public void downloadOnThreeConnectionsIsReassembledByOffset() throws IOException {
        byte[] content = TestData.bytes(5, 3 * 1024 * 1024 + 7);
        Files.write(server.root().resolve("three.bin"), content);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.activeParallel(ftp, peer, 3, false);
            start(ftp, "RETR three.bin", 150);
            ModeEReceived received = receive(ftp, peer, peer.accept(3, ModeEPeer.IO_TIMEOUT), "RETR three.bin");
            received.assertContent(content, 0, ByteRanges.of(0, content.length));
            assertArrayEquals("reassembled download", content, received.assemble(content.length));
            assertNull("Parallelism=3 means 3 connections, not more", peer.acceptWithin(Duration.ofMillis(500)));
        }
    }

    /** Two STORs on one PASV: the second reuses the cached connections and answers 125. */
    @Test
    public void secondUploadReusesTheCachedConnections() throws IOException {
        byte[] first = TestData.bytes(6, 700_001);
        byte[] second = TestData.bytes(7, 300_000);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, 2);
            store(ftp, peer, data, "cached-1.bin", first, 61);

            start(ftp, "STOR cached-2.bin", 125);
            peer.sendFile(data, second, ByteRanges.of(0, second.length), BLOCK, 62);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "second STOR on the cached connections");

            assertStored(server.root().resolve("cached-1.bin"), first);
            assertStored(server.root().resolve("cached-2.bin"), second);
        }
    }

    /** Two RETRs after one PORT: 125 for the second, on the same connections, no new connect. */
    @Test
    public void secondDownloadReusesTheCachedConnections() throws IOException {
        byte[] first = TestData.bytes(8, 1_200_000);
        byte[] second = TestData.bytes(9, 450_017);
        Files.write(server.root().resolve("get-1.bin"), first);
        Files.write(server.root().resolve("get-2.bin"), second);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.activeParallel(ftp, peer, 2, false);
            start(ftp, "RETR get-1.bin", 150);
            List<Socket> data = peer.accept(2, ModeEPeer.IO_TIMEOUT);
            ModeEReceived one = receive(ftp, peer, data, "first RETR");
            one.assertContent(first, 0, ByteRanges.of(0, first.length));
            assertFalse("connections to be cached must not carry CLOSE: " + one.summary(), one.anyClose());

            start(ftp, "RETR get-2.bin", 125);
            ModeEReceived two = receive(ftp, peer, data, "second RETR on the cached connections");
            two.assertContent(second, 0, ByteRanges.of(0, second.length));
            assertNull("the second RETR must not open new connections", peer.acceptWithin(Duration.ofMillis(500)));
        }
    }

    /** SPAS gives one stripe on a single-node server; SPOR with one host-port works like PORT. */
    @Test
    public void stripedPassiveUploadAndStripedActiveDownload() throws IOException {
        byte[] content = TestData.bytes(10, 900_000);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<InetSocketAddress> stripes = ModeETransfers.stripedPassive(ftp);
            assertEquals("stripes of a single-node server: " + stripes, 1, stripes.size());
            assertEquals("SPAS address", "127.0.0.1", stripes.get(0).getAddress().getHostAddress());
            List<Socket> data = peer.connect(stripes.get(0), 2);
            ftp.command("ALLO " + content.length, 200);
            store(ftp, peer, data, "striped.bin", content, 10);
            assertStored(server.root().resolve("striped.bin"), content);
        }
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.parallelism(ftp, 2);
            InetSocketAddress listening = peer.listen(ftp.controlSocket().getLocalAddress());
            FtpReply spor = ftp.command("SPOR " + ModeEPeer.hostPort(listening), 200);
            assertEquals("SPOR reply", "200 PORT Command successful.", spor.lines().get(0));
            start(ftp, "RETR striped.bin", 150);
            ModeEReceived received = receive(ftp, peer, peer.accept(2, ModeEPeer.IO_TIMEOUT), "RETR after SPOR");
            received.assertContent(content, 0, ByteRanges.of(0, content.length));
        }
    }
}
