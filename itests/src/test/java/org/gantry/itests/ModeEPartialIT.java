package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.BLOCK;
import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.complete;
import static org.gantry.itests.ModeETransfers.passive;
import static org.gantry.itests.ModeETransfers.receive;
import static org.gantry.itests.ModeETransfers.start;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Partial transfers in MODE E: ERET P sends a section whose block offsets start at 0 (GFD.20's
 * "virtual file", as the Globus server does), ESTO A adds its offset to every block and does not
 * truncate, and a REST range list makes RETR send, and STOR receive, only the complement.
 */
public class ModeEPartialIT {

    private static final int SIZE = 1_000_000;

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("modee-partial");

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    @Test
    public void eretSendsTheSectionWithRelativeOffsets() throws IOException {
        byte[] content = TestData.bytes(20, SIZE);
        Files.write(server.root().resolve("eret.bin"), content);
        long offset = 123_457;
        int length = 400_000;
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.activeParallel(ftp, peer, 2, false);
            start(ftp, "ERET P " + offset + " " + length + " eret.bin", 150);
            ModeEReceived received = receive(ftp, peer, peer.accept(2, ModeEPeer.IO_TIMEOUT), "ERET");
            // Block offset 0 is file offset 123457.
            received.assertContent(content, offset, ByteRanges.of(0, length));
        }
    }

    @Test
    public void eretInStreamModeSendsJustTheSectionBytes() throws IOException {
        byte[] content = TestData.bytes(21, SIZE);
        Files.write(server.root().resolve("eret-stream.bin"), content);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.controlSocket().setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
            List<FtpReply> replies = new ArrayList<>();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (Socket data = ftp.startTransfer("ERET P 5000 10000 eret-stream.bin", replies)) {
                assertNotNull("ERET in stream mode refused: " + replies, data);
                data.setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
                data.getInputStream().transferTo(received);
            }
            FtpTestClient.expect(226, ftp.readReply(), "ERET in stream mode");
            assertArrayEquals("bytes 5000..15000", Arrays.copyOfRange(content, 5000, 15000), received.toByteArray());
        }
    }

    /**
     * ESTO A 200000 with 300000 bytes (block offsets 0..300000) replaces file bytes
     * 200000..500000 and keeps the rest; the 111 markers are relative to the ESTO offset.
     */
    @Test
    public void estoWritesAtItsOffsetWithoutTruncating() throws IOException {
        byte[] old = TestData.bytes(22, SIZE);
        byte[] patch = TestData.bytes(23, 300_000);
        Path file = server.root().resolve("esto.bin");
        Files.write(file, old);
        List<FtpReply> markers;
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, 2);
            start(ftp, "ESTO A 200000 esto.bin", 150);
            peer.sendFile(data, patch, ByteRanges.of(0, patch.length), BLOCK, 23);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            markers = complete(ftp, "ESTO");
        }
        byte[] expected = old.clone();
        System.arraycopy(patch, 0, expected, 200_000, patch.length);
        assertStored(file, expected);

        List<ByteRanges> ranges = markers.stream().filter(m -> m.code() == 111).map(ModeETransfers::rangeMarker).toList();
        assertFalse("ESTO in MODE E must send 111 range markers before 226; markers: " + markers, ranges.isEmpty());
        for (ByteRanges range : ranges) {
            assertTrue("111 ranges are relative to the ESTO offset, within 0-300000: " + range,
                    ByteRanges.of(0, patch.length).containsAll(range));
        }
        assertEquals("the last 111 before 226", ByteRanges.of(0, patch.length), ranges.get(ranges.size() - 1));
    }

    @Test
    public void restRangesBeforeRetrSendOnlyTheComplement() throws IOException {
        byte[] content = TestData.bytes(24, SIZE);
        Files.write(server.root().resolve("rest-get.bin"), content);
        ByteRanges done = ByteRanges.of(0, 100_000, 300_000, 350_000);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ModeETransfers.activeParallel(ftp, peer, 2, false);
            ftp.command("REST " + done, 350);
            start(ftp, "RETR rest-get.bin", 150);
            ModeEReceived received = receive(ftp, peer, peer.accept(2, ModeEPeer.IO_TIMEOUT),
                    "RETR after REST " + done);
            received.assertContent(content, 0, done.complement(SIZE));
        }
    }

    /**
     * The file already holds the REST ranges (its tail is missing altogether); STOR sends only
     * the complement and the result is the whole file.
     */
    @Test
    public void restRangesBeforeStorReceiveOnlyTheComplementAndKeepTheRest() throws IOException {
        byte[] content = TestData.bytes(25, SIZE);
        ByteRanges done = ByteRanges.of(0, 100_000, 250_000, 400_000);
        byte[] partial = Arrays.copyOf(content, 400_000);
        Arrays.fill(partial, 100_000, 250_000, (byte) 0);
        Path file = server.root().resolve("rest-put.bin");
        Files.write(file, partial);
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            List<Socket> data = passive(ftp, peer, 2);
            ftp.command("ALLO " + SIZE, 200);
            ftp.command("REST " + done, 350);
            FtpTestClient.expect(150, ftp.command("STOR rest-put.bin"),
                    "STOR after REST " + done + " onto an existing file that holds those ranges");
            peer.sendFile(data, content, done.complement(SIZE), BLOCK, 25);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            complete(ftp, "STOR after REST " + done);
        }
        assertStored(file, content);
    }
}
