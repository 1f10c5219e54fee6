package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.BLOCK;
import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.nextNonMarker;
import static org.gantry.itests.ModeETransfers.passive;
import static org.gantry.itests.ModeETransfers.start;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Broken and hostile MODE E uploads from a raw client. Each must end in a clear failure reply
 * (451 for a protocol violation on open connections; 426 or 451 when the client's connections
 * end early), leave no file under its name (or the old content of a file it would have
 * replaced), and the same session must then transfer normally. Also ABOR with its Telnet
 * prefix, and STAT while a transfer runs, in MODE E and stream mode.
 */
public class ModeEBadInputIT {

    /** A protocol violation on connections that are still open. */
    private static final Set<Integer> PROTOCOL_ERROR = Set.of(451);
    /** The client's connections ended early: "stream closed" (451) or "connection lost" (426). */
    private static final Set<Integer> ENDED_EARLY = Set.of(426, 451);
    private static final int SIZE = 1_000_000;
    /** IAC IP, IAC DM: the Telnet "interrupt process" and "data mark" a client sends before ABOR. */
    private static final byte[] TELNET_IP_DM = {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2};
    /** No ALLO before the STOR. */
    private static final long NO_ALLO = -1;

    private static final AtomicInteger NEXT = new AtomicInteger();

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("modee-bad");

    @Rule
    public final Timeout timeout = Timeout.seconds(90);

    /** What a broken upload sends on its open data connections. */
    @FunctionalInterface
    private interface Breakage {
        void send(ModeEPeer peer, List<Socket> data) throws IOException;
    }

    /** Three uploads in one session, each with a block that sets an undefined descriptor bit. */
    @Test
    public void undefinedDescriptorBitsAreRefused() throws IOException {
        byte[] content = TestData.bytes(60, SIZE);
        try (FtpTestClient ftp = ModeETransfers.session(server.port())) {
            for (int bit : new int[] {ModeEBlock.EOR, ModeEBlock.ERRORS, ModeEBlock.RESTART}) {
                String name = String.format("bits-%02x.bin", bit);
                // One of them would overwrite an existing file.
                byte[] old = bit == ModeEBlock.ERRORS ? existing(name, 61) : null;
                assertRefused(ftp, PROTOCOL_ERROR, String.format("descriptor bit 0x%02x", bit), name, 1, NO_ALLO, old,
                        (peer, data) -> {
                            peer.block(data.get(0), 0, 0, content, 0, BLOCK);
                            peer.block(data.get(0), bit, BLOCK, content, BLOCK, BLOCK);
                        });
            }
        }
    }

    @Test
    public void truncatedHeaderThenCloseIsRefused() throws IOException {
        byte[] content = TestData.bytes(62, SIZE);
        assertRefused(ENDED_EARLY, "a header cut after 9 bytes", "truncated-header.bin", 1, NO_ALLO, null,
                (peer, data) -> {
                    peer.block(data.get(0), 0, 0, content, 0, BLOCK);
                    peer.raw(data.get(0), Arrays.copyOf(ModeEBlock.header(0, BLOCK, BLOCK), 9));
                    peer.shutdownOutput(data.get(0));
                });
    }

    @Test
    public void blockPastTheAlloSizeIsRefused() throws IOException {
        byte[] content = TestData.bytes(63, 200_000);
        byte[] old = existing("past-allo.bin", 64);
        assertRefused(PROTOCOL_ERROR, "a block ending at 110000 after ALLO 100000", "past-allo.bin", 1, 100_000, old,
                (peer, data) -> {
                    peer.block(data.get(0), 0, 0, content, 0, 90_000);
                    peer.block(data.get(0), 0, 90_000, content, 90_000, 20_000);
                });
    }

    /** EOF says 3 EODs, two connections send theirs and close: the count can never be reached. */
    @Test
    public void eodCountTooHighIsRefusedWhenTheConnectionsClose() throws IOException {
        byte[] content = TestData.bytes(65, SIZE);
        assertRefused(ENDED_EARLY, "EOD count 3 on 2 connections that then close", "eod-high.bin", 2, NO_ALLO, null,
                (peer, data) -> {
                    peer.send(data, content, ModeEPeer.plan(ByteRanges.of(0, SIZE), BLOCK, 2, 65));
                    peer.eod(data.get(1));
                    peer.eof(data.get(0), ModeEBlock.EOD, 3);
                    data.forEach(peer::shutdownOutput);
                });
    }

    /**
     * EOF says 1 EOD although a second connection carries the middle of the file (sent first) and
     * its own EOD afterwards.
     */
    @Test
    public void eodCountTooLowIsRefused() throws IOException {
        byte[] content = TestData.bytes(66, SIZE);
        assertRefused(PROTOCOL_ERROR, "EOD count 1 on 2 connections", "eod-low.bin", 2, NO_ALLO, null,
                (peer, data) -> {
                    peer.send(List.of(data.get(1)), content,
                            ModeEPeer.plan(ByteRanges.of(300_000, 600_000), BLOCK, 1, 66));
                    peer.pause(Duration.ofMillis(300));
                    peer.send(List.of(data.get(0)), content,
                            ModeEPeer.plan(ByteRanges.of(0, 300_000, 600_000, SIZE), BLOCK, 1, 67));
                    peer.eof(data.get(0), ModeEBlock.EOD, 1);
                    peer.eod(data.get(1));
                });
    }

    @Test
    public void connectionClosedInsideABlockIsRefused() throws IOException {
        byte[] content = TestData.bytes(68, SIZE);
        assertRefused(ENDED_EARLY, "a 50000-byte block cut after 20000", "mid-block.bin", 1, NO_ALLO, null,
                (peer, data) -> {
                    peer.header(data.get(0), 0, 50_000, 0);
                    peer.raw(data.get(0), Arrays.copyOf(content, 20_000));
                    peer.shutdownOutput(data.get(0));
                });
    }

    /**
     * One connection sends its blocks and closes without EOD while the other completes with
     * EOF|EOD (count 2): every byte arrived, yet the transfer is incomplete.
     */
    @Test
    public void connectionClosedBeforeEodAfterDataIsRefused() throws IOException {
        byte[] content = TestData.bytes(69, SIZE);
        byte[] old = existing("no-eod.bin", 70);
        assertRefused(ENDED_EARLY, "a connection closed after data but before EOD", "no-eod.bin", 2, NO_ALLO, old,
                (peer, data) -> {
                    peer.send(data, content, ModeEPeer.plan(ByteRanges.of(0, SIZE), BLOCK, 2, 69));
                    peer.shutdownOutput(data.get(1));
                    peer.eof(data.get(0), ModeEBlock.EOD, 2);
                });
    }

    @Test
    public void aborMidUploadInModeEIs426Then226() throws IOException {
        byte[] content = TestData.bytes(71, SIZE);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = startUpload(ftp, peer, "abor-e.bin", 2, SIZE);
            peer.send(data, content, ModeEPeer.plan(ByteRanges.of(0, SIZE / 2), BLOCK, 2, 71));
            peer.flush(ModeEPeer.IO_TIMEOUT);
            abort(ftp);
            assertGone("abor-e.bin", null, ftp);
            stillWorksInModeE(ftp);
        }
    }

    @Test
    public void aborMidUploadInStreamModeIs426Then226() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.controlSocket().setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
            try (Socket data = startStreamUpload(ftp, "abor-s.bin")) {
                peer.raw(data, TestData.bytes(72, SIZE / 2));
                peer.flush(ModeEPeer.IO_TIMEOUT);
                abort(ftp);
            }
            assertGone("abor-s.bin", null, ftp);
            stillWorksInStreamMode(ftp);
        }
    }

    @Test
    public void statIsAnsweredWhileAModeEUploadRuns() throws IOException {
        byte[] content = TestData.bytes(73, SIZE);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = startUpload(ftp, peer, "stat-e.bin", 2, SIZE);
            List<ModeEPeer.Planned> plan = ModeEPeer.plan(ByteRanges.of(0, SIZE), BLOCK, 2, 73);
            peer.send(data, content, plan.subList(0, plan.size() / 2));
            peer.flush(ModeEPeer.IO_TIMEOUT);
            ftp.sendLine("STAT");
            assertStatus(nextNonMarker(ftp, null));
            peer.send(data, content, plan.subList(plan.size() / 2, plan.size()));
            peer.finish(data);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            ModeETransfers.complete(ftp, "STOR after STAT");
            assertStored(server.root().resolve("stat-e.bin"), content);
        }
    }

    @Test
    public void statIsAnsweredWhileAStreamUploadRuns() throws IOException {
        byte[] content = TestData.bytes(74, SIZE);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.controlSocket().setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
            try (Socket data = startStreamUpload(ftp, "stat-s.bin")) {
                peer.raw(data, Arrays.copyOf(content, SIZE / 2));
                peer.flush(ModeEPeer.IO_TIMEOUT);
                ftp.sendLine("STAT");
                assertStatus(ftp.readReply());
                peer.raw(data, Arrays.copyOfRange(content, SIZE / 2, SIZE));
                peer.shutdownOutput(data);
                peer.flush(ModeEPeer.IO_TIMEOUT);
                FtpTestClient.expect(226, ftp.readReply(), "stream STOR after STAT");
            }
            assertStored(server.root().resolve("stat-s.bin"), content);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@link #assertRefused(FtpTestClient, Set, String, String, int, long, byte[], Breakage)} in a new session. */
    private static void assertRefused(Set<Integer> codes, String what, String name, int connections, long allo,
            byte[] old, Breakage breakage) throws IOException {
        try (FtpTestClient ftp = ModeETransfers.session(server.port())) {
            assertRefused(ftp, codes, what, name, connections, allo, old, breakage);
        }
    }

    /**
     * A MODE E upload of {@code name} on {@code connections} connections that {@code breakage}
     * breaks: the reply is one of {@code codes}, {@code name} is gone (or keeps {@code old}) and
     * the session then transfers normally.
     */
    private static void assertRefused(FtpTestClient ftp, Set<Integer> codes, String what, String name,
            int connections, long allo, byte[] old, Breakage breakage) throws IOException {
        try (ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = startUpload(ftp, peer, name, connections, allo);
            breakage.send(peer, data);
            peer.flushQuietly(ModeEPeer.IO_TIMEOUT);
            assertFailedCleanly(ftp, codes, name, old, what);
        }
    }

    /** PASV with {@code n} connections, ALLO if {@code allo >= 0}, STOR; asserts 150. */
    private static List<Socket> startUpload(FtpTestClient ftp, ModeEPeer peer, String name, int n, long allo)
            throws IOException {
        List<Socket> data = passive(ftp, peer, n);
        if (allo >= 0) {
            ftp.command("ALLO " + allo, 200);
        }
        start(ftp, "STOR " + name, 150);
        return data;
    }

    private static Socket startStreamUpload(FtpTestClient ftp, String name) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        Socket data = ftp.startTransfer("STOR " + name, replies);
        assertNotNull("STOR " + name + " refused: " + replies, data);
        return data;
    }

    /** A file already there with seeded content, which a failed upload must leave alone. */
    private static byte[] existing(String name, long seed) throws IOException {
        byte[] old = TestData.bytes(seed, 54_321);
        Files.write(server.root().resolve(name), old);
        return old;
    }

    /** The failure reply, the file state, and a normal MODE E transfer in the same session. */
    private static void assertFailedCleanly(FtpTestClient ftp, Set<Integer> codes, String name, byte[] old,
            String what) throws IOException {
        FtpReply reply = nextNonMarker(ftp, null);
        assertTrue(what + ": expected one of " + codes + ", got " + reply, codes.contains(reply.code()));
        assertGone(name, old, ftp);
        stillWorksInModeE(ftp);
    }

    /** No file under {@code name}, or exactly its old content. */
    private static void assertGone(String name, byte[] old, FtpTestClient ftp) throws IOException {
        Path file = server.root().resolve(name);
        if (old == null) {
            assertFalse(name + " is visible after the failed upload", Files.exists(file));
            assertEquals("SIZE " + name + " after the failed upload", 550, ftp.command("SIZE " + name).code());
        } else {
            assertStored(file, old);
            assertEquals("SIZE " + name + " keeps the old size", old.length, ftp.size(name));
        }
    }

    /** ABOR with the Telnet prefix: 426 for the transfer, then 226 for the ABOR. */
    private static void abort(FtpTestClient ftp) throws IOException {
        byte[] abor = "ABOR\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(TELNET_IP_DM, TELNET_IP_DM.length + abor.length);
        System.arraycopy(abor, 0, line, TELNET_IP_DM.length, abor.length);
        ftp.sendRaw(line);
        FtpTestClient.expect(426, nextNonMarker(ftp, null), "the aborted transfer");
        FtpTestClient.expect(226, nextNonMarker(ftp, null), "ABOR");
    }

    private static void assertStatus(FtpReply reply) {
        assertTrue("STAT during a transfer must be answered with a 21x status, got " + reply,
                reply.code() >= 211 && reply.code() <= 213);
    }

    private static void stillWorksInModeE(FtpTestClient ftp) throws IOException {
        byte[] content = TestData.bytes(1000 + NEXT.get(), 300_000);
        String name = "after-" + NEXT.incrementAndGet() + ".bin";
        ModeETransfers.upload(ftp, name, content, 2, 99);
        assertStored(server.root().resolve(name), content);
    }

    private static void stillWorksInStreamMode(FtpTestClient ftp) throws IOException {
        byte[] content = TestData.bytes(2000 + NEXT.get(), 300_000);
        String name = "after-" + NEXT.incrementAndGet() + ".bin";
        ftp.storeOk(name, content);
        assertArrayEquals("stream upload after the failure", content, ftp.retrieve(name));
    }
}
