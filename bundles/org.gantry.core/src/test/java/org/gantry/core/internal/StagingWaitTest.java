package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.gantry.dsi.api.NearlineException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 112 markers before the 150 while a download waits for a slow openRead (a recall from tape). */
class StagingWaitTest {

    private final byte[] data = new byte[70_000];
    private MemoryDsi dsi;
    private TestServer server;

    private void start(int markerSeconds) throws Exception {
        dsi = new MemoryDsi("mem");
        dsi.staging = true;
        dsi.put("/f", data);
        server = new TestServer(new TestConfig().set("stagingMarkerIntervalSeconds", markerSeconds), dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Downloads {@code path} and returns the codes of the replies before the 150, in order. */
    private List<Integer> retrieve(TestFtpClient c, String command) throws Exception {
        InetSocketAddress address = c.pasv();
        try (Socket s = TestFtpClient.dataSocket(address)) {
            c.write(command);
            List<Integer> before = new ArrayList<>();
            for (TestFtpClient.FtpReply r = c.reply(); r.code() != 150; r = c.reply()) {
                assertEquals(112, r.code(), r::toString);
                assertTrue(r.lines().contains(" Stripe Bytes Transferred: 0"), r::toString);
                before.add(r.code());
            }
            assertArrayEquals(data, s.getInputStream().readAllBytes());
            c.expect226();
            return before;
        }
    }

    @Test
    void aSlowOpenGetsMarkersUntilItCompletes() throws Exception {
        start(1);
        dsi.openReadDelay = Duration.ofMillis(3500);
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "TYPE I");
            List<Integer> markers = retrieve(c, "RETR /f");
            assertTrue(markers.size() >= 2 && markers.size() <= 4, "one a second for 3.5 s: " + markers);

            dsi.openReadDelay = Duration.ZERO;
            assertEquals(List.of(), retrieve(c, "RETR /f"), "a quick open gets none");
            Thread.sleep(1500);
            c.expect(200, "NOOP"); // no marker of the finished transfer arrived late
            dsi.openReadDelay = Duration.ofMillis(2500);
            c.expect(200, "MODE E");
            c.expect(200, "MODE S");
            assertTrue(retrieve(c, "ERET P 0 70000 /f").size() >= 1, "ERET waits the same way");
        }
    }

    @Test
    void intervalZeroSendsNoMarkers() throws Exception {
        start(0);
        dsi.openReadDelay = Duration.ofMillis(2500);
        try (TestFtpClient c = server.login("alice")) {
            assertEquals(List.of(), retrieve(c, "RETR /f"));
        }
    }

    @Test
    void aFailedOpenStopsTheMarkersAndKeepsItsReply() throws Exception {
        start(1);
        dsi.openReadDelay = Duration.ofMillis(1500);
        dsi.openReadFailure = new NearlineException("/f is on tape");
        try (TestFtpClient c = server.login("alice")) {
            c.pasv();
            c.write("RETR /f");
            TestFtpClient.FtpReply r = c.reply();
            assertEquals(112, r.code(), "a marker while the recall runs: " + r);
            r = c.reply();
            assertEquals(451, r.code(), "a nearline file stays a transient failure: " + r);

            dsi.openReadFailure = new PermissionDeniedException("/f: staging not allowed");
            c.pasv();
            c.write("RETR /f");
            assertEquals(112, c.reply().code());
            assertEquals(550, c.reply().code(), "no permission to stage is permanent");
            Thread.sleep(1500);
            c.expect(200, "NOOP");
        }
    }
}
