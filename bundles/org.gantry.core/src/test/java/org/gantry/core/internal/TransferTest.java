package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stream-mode RETR/STOR/APPE, restarts, aborts and every way an upload can fail. */
class TransferTest {

    private MemoryDsi dsi;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dsi = new MemoryDsi("mem");
        server = TestServer.withMemory(dsi);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    void storeThenRetrieveIsByteIdentical() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 17);
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "TYPE I");
            c.expect(200, "ALLO " + data.length);
            TestFtpClient.FtpReply done = c.upload("STOR /big.bin", data);
            assertEquals("226 Transfer Complete.", done.first());
            assertArrayEquals(data, dsi.content("/big.bin"));
            assertArrayEquals(data, c.download("RETR /big.bin"));
            assertEquals(0, dsi.openWriters.get());
        }
    }

    @Test
    void emptyFilesWork() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals(226, c.upload("STOR /empty", new byte[0]).code());
            assertArrayEquals(new byte[0], dsi.content("/empty"));
            assertArrayEquals(new byte[0], c.download("RETR /empty"));
        }
    }

    @Test
    void restartedRetrieveStartsAtTheOffset() throws Exception {
        byte[] data = random(700_000);
        dsi.put("/f", data);
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("350 Restart Marker OK. Send STORE or RETR to initiate transfer.",
                    c.expect(350, "REST 123456").first());
            assertArrayEquals(Arrays.copyOfRange(data, 123456, data.length), c.download("RETR /f"));
            assertArrayEquals(data, c.download("RETR /f"), "REST applies to one transfer only");
            c.expect(501, "REST -5");
            c.expect(501, "REST 100-5");
            c.expect(350, "REST 0-100");
            assertArrayEquals(Arrays.copyOfRange(data, 100, data.length), c.download("RETR /f"),
                    "a range [0,100) done is offset 100 in stream mode");
            c.expect(350, "REST 0-100,200-300");
            c.expect(504, "RETR /f");
        }
    }

    @Test
    void restartedStoreWritesAtTheOffsetWithoutTruncating() throws Exception {
        byte[] data = random(500_000);
        dsi.put("/part", Arrays.copyOf(data, 200_000));
        try (TestFtpClient c = server.login("alice")) {
            c.expect(350, "REST 200000");
            assertEquals(226, c.upload("STOR /part", Arrays.copyOfRange(data, 200_000, data.length)).code());
            assertArrayEquals(data, dsi.content("/part"));
        }
    }

    @Test
    void appendAddsToTheEndOrCreates() throws Exception {
        dsi.put("/log", "abc".getBytes(StandardCharsets.UTF_8));
        try (TestFtpClient c = server.login("alice")) {
            assertEquals(226, c.upload("APPE /log", "def".getBytes(StandardCharsets.UTF_8)).code());
            assertEquals("abcdef", new String(dsi.content("/log"), StandardCharsets.UTF_8));
            assertEquals(226, c.upload("APPE /new", "xyz".getBytes(StandardCharsets.UTF_8)).code());
            assertEquals("xyz", new String(dsi.content("/new"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void storeReplacesAnExistingFile() throws Exception {
        dsi.put("/f", random(1000));
        try (TestFtpClient c = server.login("alice")) {
            assertEquals(226, c.upload("STOR /f", "short".getBytes(StandardCharsets.UTF_8)).code());
            assertEquals("short", new String(dsi.content("/f"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void transferWithoutPasvIs425AndMissingFileIs550() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("425 Can't open data connection.", c.expect(425, "RETR /f").first());
            c.pasv();
            assertEquals("550 /f: No such file or directory.", c.expect(550, "RETR /f").first());
            dsi.mkdirs("/d");
            c.pasv();
            c.expect(550, "RETR /d");
            c.pasv();
            c.expect(550, "STOR /d");
        }
    }

    @Test
    void resetDataConnectionAbortsTheUpload() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            InetSocketAddress address = c.pasv();
            Socket data = TestFtpClient.dataSocket(address);
            c.expect(150, "STOR /reset");
            data.getOutputStream().write(random(100_000));
            data.setSoLinger(true, 0);
            data.close();
            assertEquals("426 Connection closed; transfer aborted.", c.reply().first());
            assertNull(dsi.content("/reset"));
            assertEquals(1, dsi.abortedWriters.get());
            c.expect(200, "NOOP");
        }
    }

    @Test
    void lostControlConnectionAbortsTheUpload() throws Exception {
        TestFtpClient c = server.login("alice");
        InetSocketAddress address = c.pasv();
        try (Socket data = TestFtpClient.dataSocket(address)) {
            c.expect(150, "STOR /orphan");
            data.getOutputStream().write(random(50_000));
            c.close();
            Await.until("the upload is aborted", () -> dsi.abortedWriters.get() == 1);
        }
        assertNull(dsi.content("/orphan"));
        assertEquals(0, dsi.openWriters.get());
    }

    @Test
    void fewerBytesThanAllocatedIs451() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "ALLO 1000");
            assertEquals("451 Transfer incomplete: received 600 of 1000 bytes.",
                    c.upload("STOR /short", new byte[600]).first());
            assertNull(dsi.content("/short"));
        }
    }

    @Test
    void fullStorageIs452DuringTheTransferAnd552ForTheAllocation() throws Exception {
        dsi.capacity = 300_000;
        try (TestFtpClient c = server.login("alice")) {
            assertEquals(452, c.upload("STOR /toolarge", random(1_000_000)).code());
            assertNull(dsi.content("/toolarge"));
            c.expect(200, "ALLO 5000000");
            c.pasv();
            assertEquals(552, c.send("STOR /announced").code());
            assertEquals(226, c.upload("STOR /fits", random(1000)).code());
        }
    }

    @Test
    void aborDuringAnUploadAnswers426Then226() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            InetSocketAddress address = c.pasv();
            try (Socket data = TestFtpClient.dataSocket(address)) {
                c.expect(150, "STOR /aborted");
                data.getOutputStream().write(random(10_000));
                c.write("ABOR");
                assertEquals("426 Transfer aborted.", c.reply().first());
                assertEquals("226 Abort successful", c.reply().first());
            }
            assertNull(dsi.content("/aborted"));
            c.expect(200, "NOOP");
        }
    }

    @Test
    void aborDuringADownloadTheClientDoesNotRead() throws Exception {
        dsi.put("/huge", new byte[64 * 1024 * 1024]);
        try (TestFtpClient c = server.login("alice")) {
            InetSocketAddress address = c.pasv();
            try (Socket data = TestFtpClient.dataSocket(address)) {
                data.setReceiveBufferSize(64 * 1024);
                c.expect(150, "RETR /huge");
                c.write("STAT");
                TestFtpClient.FtpReply stat = c.reply();
                assertEquals(212, stat.code(), stat::toString);
                assertEquals(" Transfer in progress: RETR /huge", stat.lines().get(1).replaceAll(" \\(.*", ""));
                c.write("ABOR");
                assertEquals("426 Transfer aborted.", c.reply().first());
                assertEquals("226 Abort successful", c.reply().first());
            }
            c.expect(200, "NOOP");
        }
    }

    @Test
    void aborPipelinedRightBehindTheTransferCommandAbortsIt() throws Exception {
        dsi.put("/huge", new byte[64 * 1024 * 1024]);
        try (TestFtpClient c = server.login("alice")) {
            for (int i = 0; i < 5; i++) {
                InetSocketAddress address = c.pasv();
                try (Socket data = TestFtpClient.dataSocket(address)) {
                    data.setReceiveBufferSize(64 * 1024);
                    c.write("RETR /huge\r\nABOR");
                    TestFtpClient.FtpReply r = c.reply();
                    if (r.code() == 150) {
                        r = c.reply();
                    }
                    assertEquals("426 Transfer aborted.", r.first());
                    assertEquals("226 Abort successful", c.reply().first());
                }
            }
            c.expect(200, "NOOP");
        }
    }

    @Test
    void stalledDataConnectionTimesOut() throws Exception {
        try (TestServer s = new TestServer(new TestConfig().set("dataTimeoutSeconds", 1), dsi);
                TestFtpClient c = s.login("alice")) {
            InetSocketAddress address = c.pasv();
            try (Socket data = TestFtpClient.dataSocket(address)) {
                c.expect(150, "STOR /stalled");
                assertEquals("426 Data connection timed out; transfer aborted.", c.reply().first());
            }
            assertNull(dsi.content("/stalled"));
            c.pasv();
            assertEquals(425, c.send("LIST /").code(), "nobody connected to the passive port");
        }
    }
}
