package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** CKSM on a slow DSI: 113 markers when the client asked for them, and no idle timeout meanwhile. */
class ChecksumProgressTest {

    private static final byte[] DATA = "some data to sum".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** ADLER32 of DATA. */
    private static final String ADLER32 = adler32();

    private static MemoryDsi slowDsi(Duration time) {
        MemoryDsi dsi = new MemoryDsi("mem");
        dsi.put("/f", DATA);
        dsi.checksumTime = time;
        return dsi;
    }

    /** Replies to one command up to its final one, 1xx markers included. */
    private static List<TestFtpClient.FtpReply> replies(TestFtpClient c, String command) throws Exception {
        List<TestFtpClient.FtpReply> all = new ArrayList<>();
        c.write(command);
        TestFtpClient.FtpReply r;
        do {
            r = c.reply();
            all.add(r);
        } while (r.code() < 200);
        return all;
    }

    @Test
    void optsCksmMarkersSendsStatusMarkersUntilTheValue() throws Exception {
        try (TestServer s = TestServer.withMemory(slowDsi(Duration.ofMillis(2500)));
                TestFtpClient c = s.login("alice")) {
            c.expect(200, "OPTS CKSM markers=1");
            List<TestFtpClient.FtpReply> all = replies(c, "CKSM ADLER32 0 -1 /f");

            TestFtpClient.FtpReply last = all.get(all.size() - 1);
            assertEquals("213 " + ADLER32, last.first());
            List<TestFtpClient.FtpReply> markers = all.subList(0, all.size() - 1);
            assertTrue(markers.size() >= 2 && markers.size() <= 3, "markers: " + all);
            long previous = -1;
            for (TestFtpClient.FtpReply m : markers) {
                assertEquals(113, m.code(), m.toString());
                assertEquals("113-Status Marker", m.lines().get(0));
                assertTrue(m.lines().get(1).matches(" Timestamp: \\d+\\.\\d"), m.toString());
                assertTrue(m.lines().get(2).startsWith(" Bytes Processed: "), m.toString());
                assertEquals("113 End.", m.lines().get(3));
                long bytes = Long.parseLong(m.lines().get(2).substring(" Bytes Processed: ".length()));
                assertTrue(bytes >= previous && bytes <= DATA.length, m.toString());
                previous = bytes;
            }
            c.expect(200, "NOOP");
        }
    }

    @Test
    void withoutOptsCksmThereAreNoMarkersAndZeroTurnsThemOff() throws Exception {
        try (TestServer s = TestServer.withMemory(slowDsi(Duration.ofMillis(1500)));
                TestFtpClient c = s.login("alice")) {
            assertEquals(List.of("213 " + ADLER32), replies(c, "CKSM ADLER32 0 -1 /f").stream()
                    .map(TestFtpClient.FtpReply::first).toList());
            c.expect(200, "OPTS CKSM markers=1");
            c.expect(200, "OPTS CKSM markers=0");
            assertEquals(1, replies(c, "CKSM ADLER32 0 -1 /f").size());
        }
    }

    @Test
    void aLongChecksumIsNotIdlenessButTheQuietAfterItIs() throws Exception {
        try (TestServer s = new TestServer(new TestConfig().set("idleTimeoutSeconds", 1),
                slowDsi(Duration.ofMillis(3000)));
                TestFtpClient c = s.login("alice")) {
            long start = System.nanoTime();
            assertEquals("213 " + ADLER32, c.expect(213, "CKSM ADLER32 0 -1 /f").first());
            assertTrue(System.nanoTime() - start > Duration.ofMillis(2500).toNanos(), "the checksum took its time");

            assertEquals("421 Idle Timeout: closing control connection.", c.reply().first());
            assertTrue(c.closedByServer());
        }
    }

    private static String adler32() {
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(DATA);
        return String.format("%08x", adler.getValue());
    }
}
