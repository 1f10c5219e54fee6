package org.gantry.itests;

import static org.gantry.itests.ModeETransfers.BLOCK;
import static org.gantry.itests.ModeETransfers.assertStored;
import static org.gantry.itests.ModeETransfers.passive;
import static org.gantry.itests.ModeETransfers.start;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Markers on MODE E receives and restart from them: 112 perf markers count up, 111 range
 * markers report only what was sent (and stored), and an upload killed half-way stays hidden
 * until a new session resumes it with {@code REST <ranges>} and only the missing bytes.
 */
public class RestartMarkersIT {

    private static final int SIZE = 1 << 20;
    private static final Duration PAUSE = Duration.ofMillis(2500);

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("modee-markers");

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    /**
     * Part 1 (two ranges with a hole between them), a 2.5 s pause with 1 s marker intervals, then
     * the rest. Markers read before part 2 was sent may only cover part 1.
     */
    @Test
    public void slowUploadGetsGrowingPerfMarkersAndTruthfulRangeMarkers() throws IOException {
        byte[] content = TestData.bytes(40, SIZE);
        ByteRanges part1 = ByteRanges.of(0, SIZE / 4, SIZE / 2, 3 * SIZE / 4);
        long sentNanos;
        ReplyCollector replies;
        try (FtpTestClient ftp = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            ftp.command("TREV RESTART 1", 200);
            ftp.command("TREV PERF 1", 200);
            List<Socket> data = passive(ftp, peer, 2);
            ftp.command("ALLO " + SIZE, 200);
            start(ftp, "STOR slow.bin", 150);
            replies = ReplyCollector.start(ftp);
            peer.send(data, content, ModeEPeer.plan(part1, BLOCK, 2, 40));
            peer.flush(ModeEPeer.IO_TIMEOUT);
            sleep(PAUSE);
            sentNanos = System.nanoTime();
            peer.sendFile(data, content, part1.complement(SIZE), BLOCK, 41);
            peer.flush(ModeEPeer.IO_TIMEOUT);
            FtpTestClient.expect(226, replies.awaitFinal(Duration.ofSeconds(15)), "slow STOR; replies " + replies.replies());
        }
        assertStored(server.root().resolve("slow.bin"), content);

        List<ReplyCollector.Timed> all = replies.replies();
        assertEquals("the reply right after 150 is a 112 perf marker: " + all, 112, all.get(0).reply().code());

        List<Long> perf = new ArrayList<>();
        boolean perfDuringPause = false;
        for (ReplyCollector.Timed timed : all) {
            if (timed.reply().code() == 112) {
                long bytes = ModeETransfers.stripeBytes(timed.reply());
                if (timed.nanos() < sentNanos) {
                    assertTrue("112 read before part 2 was sent reports " + bytes + " > " + part1.length(),
                            bytes <= part1.length());
                    perfDuringPause |= bytes > 0;
                }
                perf.add(bytes);
            }
        }
        assertTrue("a 112 with progress during the 2.5 s pause (TREV PERF 1): " + perf, perfDuringPause);
        for (int i = 1; i < perf.size(); i++) {
            assertTrue("Stripe Bytes Transferred must never go down: " + perf, perf.get(i) >= perf.get(i - 1));
        }
        assertEquals("the last 112 reports the whole file: " + perf, SIZE, (long) perf.get(perf.size() - 1));

        ByteRanges lastRanges = null;
        boolean rangeDuringPause = false;
        for (ReplyCollector.Timed timed : all) {
            if (timed.reply().code() == 111) {
                ByteRanges ranges = ModeETransfers.rangeMarker(timed.reply());
                assertFalse("a 111 must not be empty: " + timed.reply(), ranges.isEmpty());
                ByteRanges sent = timed.nanos() < sentNanos ? part1 : ByteRanges.of(0, SIZE);
                assertTrue(timed.reply() + " covers bytes not sent by then (" + sent + ")", sent.containsAll(ranges));
                rangeDuringPause |= timed.nanos() < sentNanos;
                lastRanges = ranges;
            }
        }
        assertTrue("a 111 during the 2.5 s pause (TREV RESTART 1); replies: " + all, rangeDuringPause);
        assertEquals("the last 111 before 226 covers the whole file", ByteRanges.of(0, SIZE), lastRanges);
    }

    /**
     * Kill data and control connections after a 111; the partial upload must not show under its
     * name; a new session sends REST with the reported ranges and only the complement.
     */
    @Test
    public void killedUploadResumesInANewSessionFromTheRangeMarkers() throws IOException {
        byte[] content = TestData.bytes(50, 2 * SIZE);
        Path dir = Files.createDirectories(server.root().resolve("resume"));
        ByteRanges part1 = ByteRanges.of(0, 600_000, 1_000_000, 1_200_000);
        ByteRanges reported = new ByteRanges();

        try (FtpTestClient first = ModeETransfers.session(server.port()); ModeEPeer peer = new ModeEPeer()) {
            first.command("TREV RESTART 1", 200);
            List<Socket> data = passive(first, peer, 2);
            first.command("ALLO " + content.length, 200);
            start(first, "STOR resume/big.bin", 150);
            ReplyCollector replies = ReplyCollector.start(first);
            peer.send(data, content, ModeEPeer.plan(part1, BLOCK, 2, 50));
            peer.flush(ModeEPeer.IO_TIMEOUT);
            replies.await("a 111 range marker", r -> r.code() == 111, Duration.ofSeconds(10));
            for (ReplyCollector.Timed timed : replies.replies()) {
                if (timed.reply().code() == 111) {
                    reported.addAll(ModeETransfers.rangeMarker(timed.reply()));
                }
            }
            // A crashed client: RST on the data connections, the control connection just gone.
            data.forEach(peer::reset);
            peer.flushQuietly(ModeEPeer.IO_TIMEOUT);
            first.close();
        }
        assertTrue("111 markers report only what was sent: " + reported + " vs " + part1, part1.containsAll(reported));

        assertNotVisible(dir, "big.bin", Duration.ofSeconds(2));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.controlSocket().setSoTimeout(ModeETransfers.CONTROL_TIMEOUT_MILLIS);
            String listing = list(ftp, "resume");
            for (String line : listing.split("\r?\n")) {
                assertFalse("LIST shows the partial upload: " + listing, line.endsWith(" big.bin") || line.equals("big.bin"));
            }
            assertEquals("MLST of the partial upload", 550, ftp.command("MLST resume/big.bin").code());
            assertEquals("SIZE of the partial upload", 550, ftp.command("SIZE resume/big.bin").code());

            ftp.command("TYPE I", 200);
            ftp.command("MODE E", 200);
            try (ModeEPeer peer = new ModeEPeer()) {
                List<Socket> data = passive(ftp, peer, 2);
                ftp.command("ALLO " + content.length, 200);
                ftp.command("REST " + reported, 350);
                FtpTestClient.expect(150, ftp.command("STOR resume/big.bin"),
                        "STOR resuming the killed upload after REST " + reported);
                peer.sendFile(data, content, reported.complement(content.length), BLOCK, 51);
                peer.flush(ModeEPeer.IO_TIMEOUT);
                ModeETransfers.complete(ftp, "resumed STOR with REST " + reported);
            }
        }
        assertStored(dir.resolve("big.bin"), content);
    }

    /** Watches for {@code window}: the name must never exist on disk. */
    private static void assertNotVisible(Path dir, String name, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        do {
            assertFalse(name + " became visible after the upload was killed", Files.exists(dir.resolve(name)));
            Await.pause();
        } while (System.nanoTime() < deadline);
    }

    private static String list(FtpTestClient ftp, String path) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        try (Socket data = ftp.startTransfer("LIST " + path, replies)) {
            assertTrue("LIST " + path + " refused: " + replies, data != null);
            data.getInputStream().transferTo(listing);
        }
        FtpTestClient.expect(226, ftp.readReply(), "LIST " + path);
        return listing.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
