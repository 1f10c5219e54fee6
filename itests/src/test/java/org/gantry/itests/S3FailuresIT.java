package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The S3 DSI when things go wrong, in a launched server against a real s3proxy: a client killed
 * in the middle of a parallel upload leaves neither an object nor an unfinished multipart upload
 * in the store; a small upload window bounds the memory of a fast 8-stream upload without
 * breaking it; a store that cannot be reached gives 451 replies that say so, and the session
 * goes on.
 */
public class S3FailuresIT {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final long WINDOW = 16 * MIB;
    private static final String BUCKET = "failures";
    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(30);
    private static final int STORED_BEFORE_KILL = 4;

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("s3-failures").requiring("globus-url-copy")
            // A failed MODE E upload often shows the client a broken pipe; the server's reply is in its session log.
            .withOptions("--command-log");
    @ClassRule
    public static final LaunchedS3Proxy store = new LaunchedS3Proxy("s3-failures-store");

    private static S3DsiInstance s3;
    private static S3DsiInstance small;

    @BeforeClass
    public static void mountThreeS3Dsis() throws IOException {
        s3 = S3DsiInstance.of(store, "s3", "/s3");
        small = S3DsiInstance.of(store, "s3small", "/s3small", "partSizeMiB = 5", "uploadWindowMiB = " + WINDOW / MIB);
        // Nothing listens on a port just picked and released; two attempts keep the failures quick.
        S3DsiInstance offline = S3DsiInstance.at("http://127.0.0.1:" + FreePorts.pick(), "offline", "/offline",
                "maxAttempts = 2");
        S3DsiInstance.mountAll(gantry, s3, small, offline);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.command("MKD " + s3.path(BUCKET), 257);
        }
    }

    @Test
    public void aClientKilledMidUploadLeavesNoObjectAndNoUnfinishedUpload() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("killed.src"), 71, GIB);
        List<String> command = List.of("globus-url-copy", "-p", "8", fileUrl(source),
                s3.url(gantry, BUCKET + "/killed.bin"));
        try (BackgroundCommand guc = BackgroundCommand.start(command)) {
            // Stored parts make the abort matter: they must go with the unfinished upload.
            Await.until("parts of killed.bin stored in the store", Duration.ofSeconds(60),
                    () -> store.storedParts(BUCKET, "killed.bin") >= STORED_BEFORE_KILL || !guc.isAlive(),
                    () -> store.unfinishedUploads(BUCKET).toString());
            assertTrue("globus-url-copy must still be sending when it is killed:\n" + guc.output(), guc.isAlive());
        }
        Await.until("no unfinished upload in bucket " + BUCKET + " once the server noticed the dropped connections",
                ABORT_TIMEOUT, () -> store.unfinishedUploads(BUCKET).isEmpty(),
                () -> store.unfinishedUploads(BUCKET) + "\n--- karaf.log (tail) ---\n" + gantry.karafLogTail(20));
        assertTrue("no object killed.bin", store.head(BUCKET, "killed.bin").isEmpty());
        assertFalse("no file of killed.bin in the store", Files.exists(store.objectFile(BUCKET, "killed.bin")));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("SIZE of the killed upload", 550, ftp.command("SIZE " + s3.path(BUCKET + "/killed.bin")).code());
        }
        Map<String, Long> counters = s3.counters(gantry);
        assertEquals("the one multipart upload, aborted once: " + counters, List.of(1L, 1L),
                List.of(counters.get("multipartUploads"), counters.get("abortedUploads")));
        Files.delete(source);
    }

    @Test
    public void aSmallUploadWindowBoundsTheMemoryOfAnEightStreamUpload() throws IOException {
        long size = 512 * MIB;
        Path source = TestData.randomFile(gantry.work().resolve("window.src"), 72, size);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.command("MKD " + small.path("window"), 257);
        }
        GlobusUrlCopy.run("-p", "8", fileUrl(source), small.url(gantry, "window/window.bin"));
        TestData.assertSameContent(source, store.objectFile("window", "window.bin"));

        Map<String, Long> counters = small.counters(gantry);
        long peak = counters.get("uploadBufferPeakBytes");
        assertTrue("part memory was used at all: " + counters, peak > 0);
        assertTrue("part memory peaked at " + peak + " bytes, more than the " + WINDOW + "-byte window", peak <= WINDOW);
        assertEquals("one multipart upload: " + counters, 1L, counters.get("multipartUploads").longValue());
        Files.delete(source);
        store.delete("window", "window.bin");
    }

    @Test
    public void anUnreachableStoreAnswers451ToAGetAndAListingAndTheSessionGoesOn() throws IOException {
        byte[] content = TestData.bytes(73, 10_000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            for (String transfer : List.of("RETR /offline/bucket/file.bin", "LIST /offline/", "NLST /offline/bucket")) {
                FtpReply reply = finalReply(ftp, transfer);
                assertEquals(transfer + " -> " + reply, 451, reply.code());
                assertTrue(transfer + " -> " + reply, reply.toString().contains("the object store cannot be reached"));
            }
            ftp.command("NOOP", 200);
            ftp.storeOk("/after-offline.bin", content);
            assertArrayEquals("the same session still transfers on /", content, ftp.retrieve("/after-offline.bin"));
        }
    }

    /**
     * The reply that ends {@code transfer}: the refusal itself, or, when the server opened the
     * transfer first (a listing fetches its entries as it sends them), the reply after the 1xx.
     */
    private static FtpReply finalReply(FtpTestClient ftp, String transfer) throws IOException {
        List<FtpReply> replies = new ArrayList<>();
        try (Socket data = ftp.startTransfer(transfer, replies)) {
            if (data == null) {
                return replies.get(0);
            }
            data.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        FtpReply last = ftp.readReply();
        assertNotEquals(transfer + " must fail, not succeed", 226, last.code());
        return last;
    }
}
