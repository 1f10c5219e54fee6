package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Checksums computed while uploads flow, against a launched server computing ADLER32 and MD5: a
 * 1 GiB MODE E upload on 8 streams gets both stored at commit, and neither the upload nor the
 * CKSMs after it read the file (the POSIX DSI's read counter stays put); SCKS makes a
 * mismatching upload fail with nothing left behind; long CKSMs send 113 markers; bad input gets
 * its reply and the session goes on.
 */
public class OnTheFlyChecksumIT {

    private static final long GIB = 1L << 30;
    private static final List<String> STORED = List.of("ADLER32", "MD5");

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("onthefly").requiring("globus-url-copy");

    private static Path big;
    private static Map<String, String> bigSums;

    @BeforeClass
    public static void configureAndMakeTheBigFile() throws IOException {
        ServerChecksums.configure(server, "ADLER32,MD5");
        big = TestData.randomFile(server.work().resolve("big.src"), 77, GIB);
        bigSums = LocalChecksum.ofFile(big, List.of("ADLER32", "MD5", "SHA512"));
    }

    @Test
    public void parallelModeEUploadStoresAdler32AndMd5WithoutASecondRead() throws IOException {
        long before = ServerChecksums.bytesRead(server);
        GlobusUrlCopy.run("-fast", "-p", "8", fileUrl(big), server.url("big.bin"));
        Path onServer = server.root().resolve("big.bin");
        assertEquals("size on the server disk", GIB, Files.size(onServer));
        assertEquals("bytes the DSI read during the upload", 0, ServerChecksums.bytesRead(server) - before);
        assertEquals("checksums stored with the file at commit", Map.of("ADLER32", bigSums.get("ADLER32"),
                "MD5", bigSums.get("MD5")), ServerChecksums.stored(onServer));

        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            for (String algorithm : STORED) {
                assertEquals("CKSM " + algorithm + " 0 -1", "213 " + bigSums.get(algorithm),
                        ftp.command("CKSM " + algorithm + " 0 -1 /big.bin", 213).lines().get(0));
            }
            assertEquals("bytes the DSI read for the upload and the whole-file CKSMs", 0,
                    ServerChecksums.bytesRead(server) - before);

            // The counter does count: a partial range is computed, from the file.
            byte[] head = new byte[1_000_000];
            try (java.io.InputStream in = Files.newInputStream(big)) {
                assertEquals(head.length, in.readNBytes(head, 0, head.length));
            }
            assertEquals("213 " + LocalChecksum.of("ADLER32", head, 0, head.length),
                    ftp.command("CKSM ADLER32 0 1000000 /big.bin", 213).lines().get(0));
            assertEquals("bytes read for a 1,000,000-byte range", 1_000_000,
                    ServerChecksums.bytesRead(server) - before);
        }
        Files.delete(onServer);
    }

    @Test
    public void longChecksumSendsStatusMarkersAndAnAlgorithmComputedOnceIsStored() throws IOException {
        Path copy = server.root().resolve("markers.bin");
        Files.createLink(copy, big);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.command("OPTS CKSM markers=1", 200);
            // SHA512 has no hardware help: over 1 GiB it takes seconds on this machine kind.
            ftp.sendLine("CKSM SHA512 0 -1 /markers.bin");
            List<FtpReply> markers = new ArrayList<>();
            FtpReply reply = ftp.readReply();
            while (reply.code() == 113) {
                markers.add(reply);
                reply = ftp.readReply();
            }
            assertEquals("213 " + bigSums.get("SHA512"), reply.lines().get(0));
            assertFalse("a SHA512 over 1 GiB takes seconds and must send 113 markers", markers.isEmpty());
            for (FtpReply m : markers) {
                assertEquals("113-Status Marker", m.lines().get(0));
                assertTrue(m.toString(), m.lines().get(2).matches(" Bytes Processed: \\d+"));
            }
            long before = ServerChecksums.bytesRead(server);
            assertEquals("213 " + bigSums.get("SHA512"),
                    ftp.command("CKSM SHA512 0 -1 /markers.bin", 213).lines().get(0));
            assertEquals("the second SHA512 comes from the stored value", before, ServerChecksums.bytesRead(server));
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    public void scksWithAWrongValueFailsAndLeavesNothing() throws IOException {
        byte[] content = TestData.bytes(78, 3_000_001);
        String adler32 = LocalChecksum.of("ADLER32", content, 0, content.length);
        String wrong = adler32.equals("00000001") ? "00000002" : "00000001";
        Files.createDirectories(server.root().resolve("scks"));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.command("SCKS ADLER32 " + wrong, 200);
            FtpReply refused = ftp.store("/scks/wrong.bin", content);
            assertEquals(refused.toString(), 550, refused.code());
            String text = String.join("\n", refused.lines());
            assertTrue(text, text.contains("Checksum mismatch")
                    && text.contains("GridFTP-Computed-Checksum: " + adler32)
                    && text.contains("GridFTP-Expected-Checksum: " + wrong));
            assertEquals("SIZE after the refused upload", 550, ftp.command("SIZE /scks/wrong.bin").code());
            assertEquals("nothing under the name or hidden in the directory", List.of(),
                    TestData.fileNames(server.root().resolve("scks")));
            assertEquals(List.of(), ServerChecksums.reservedFiles(server.root()));

            // The value applied to that upload only; a right one lets the next through.
            ftp.storeOk("/scks/unchecked.bin", content);
            String md5 = LocalChecksum.of("MD5", content, 0, content.length);
            ftp.command("SCKS md5 " + md5.toUpperCase(), 200);
            ftp.storeOk("/scks/right.bin", content);
            assertArrayEquals(content, Files.readAllBytes(server.root().resolve("scks/right.bin")));
            assertEquals(md5, ServerChecksums.stored(server.root().resolve("scks/right.bin")).get("MD5"));
        }
    }

    /** An append is not a whole file's data: the DSI checks the SCKS value by reading the result. */
    @Test
    public void scksOnAnAppendIsCheckedByTheStorageAndKeepsTheOldFileOnMismatch() throws IOException {
        byte[] first = TestData.bytes(79, 100_000);
        byte[] more = TestData.bytes(80, 50_000);
        byte[] whole = new byte[first.length + more.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(more, 0, whole, first.length, more.length);
        Files.write(server.root().resolve("appended.bin"), first);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.command("SCKS CRC32 " + LocalChecksum.of("CRC32", first, 0, first.length), 200);
            FtpReply refused = appe(ftp, more);
            assertEquals(refused.toString(), 550, refused.code());
            assertTrue(refused.toString(), refused.lines().get(0).contains("Checksum mismatch"));
            assertArrayEquals("the old file is untouched", first,
                    Files.readAllBytes(server.root().resolve("appended.bin")));
            assertEquals(List.of(), ServerChecksums.reservedFiles(server.root()));

            String crc32 = LocalChecksum.of("CRC32", whole, 0, whole.length);
            ftp.command("SCKS CRC32 " + crc32, 200);
            FtpTestClient.expect(226, appe(ftp, more), "APPE");
            assertArrayEquals(whole, Files.readAllBytes(server.root().resolve("appended.bin")));
            long before = ServerChecksums.bytesRead(server);
            assertEquals("213 " + crc32, ftp.command("CKSM CRC32 0 -1 /appended.bin", 213).lines().get(0));
            assertEquals("the value checked at commit was stored", before, ServerChecksums.bytesRead(server));
        }
    }

    @Test
    public void badInputGetsAClearReplyAndTheSessionGoesOn() throws IOException {
        byte[] content = TestData.bytes(81, 10_000);
        Files.write(server.root().resolve("bad-input.bin"), content);
        String[][] cases = {
            {"SCKS NOSUCHSUM 1234", "504"},
            {"SCKS SHA3 00", "504"},
            {"SCKS MD5 not-hex", "501"},
            {"SCKS MD5 abc", "501"},
            {"SCKS ADLER32 123456789", "501"},
            {"SCKS ADLER32", "501"},
            {"SCKS", "501"},
            {"CKSM NOSUCHSUM 0 -1 /bad-input.bin", "504"},
            {"CKSM ADLER32 10001 -1 /bad-input.bin", "550"},
            {"CKSM MD5 0 10001 /bad-input.bin", "550"},
            {"CKSM ADLER32 -1 -1 /bad-input.bin", "501"},
            {"OPTS CKSM markers=soon", "501"},
            {"OPTS CKSM", "501"},
        };
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            for (String[] c : cases) {
                FtpReply reply = ftp.command(c[0]);
                assertEquals(c[0] + " -> " + reply, Integer.parseInt(c[1]), reply.code());
                ftp.command("NOOP", 200);
            }
            // None of the refused SCKS left an expectation behind.
            ftp.storeOk("/after-bad-input.bin", content);
            assertEquals("213 " + LocalChecksum.of("MD5", content, 0, content.length),
                    ftp.command("CKSM MD5 0 -1 /bad-input.bin", 213).lines().get(0));
        }
    }

    private static FtpReply appe(FtpTestClient ftp, byte[] data) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        try (java.net.Socket socket = ftp.startTransfer("APPE /appended.bin", replies)) {
            if (socket == null) {
                return replies.get(0);
            }
            socket.getOutputStream().write(data);
        }
        return ftp.readReply();
    }
}
