package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The S3 DSI in a launched server, used by the real clients: {@code /} stays POSIX while
 * {@code /s3} serves every bucket of a real s3proxy (bucket-per-directory mode, the bucket made
 * with MKD). Each copy is checked byte for byte, and in the store itself where that proves more
 * (the object is there, with its size; a big file went up as a multipart upload).
 */
public class S3IT {

    private static final long GIB = 1L << 30;
    private static final long PART_SIZE = 8L << 20;
    private static final long THIRD_PARTY_SIZE = 256L << 20;
    private static final int GFAL_SIZE = (20 << 20) + 11;
    private static final int TREE_FILES = 1000;
    private static final int TREE_FILE_SIZE = 4096;
    private static final String BUCKET = "s3it";

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("s3").requiring("globus-url-copy", "gfal-copy")
            // A failed MODE E upload often shows the client a broken pipe; the server's reply is in its session log.
            .withOptions("--command-log");
    @ClassRule
    public static final LaunchedS3Proxy store = new LaunchedS3Proxy("s3-store");
    @ClassRule
    public static final LaunchedGlobus globus = new LaunchedGlobus("s3-globus");

    private static S3DsiInstance s3;

    @BeforeClass
    public static void mountTheS3DsiAndMakeTheBucket() throws IOException {
        s3 = S3DsiInstance.of(store, "s3", "/s3");
        S3DsiInstance.mountAll(gantry, s3);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.command("MKD " + s3.path(BUCKET), 257);
        }
        assertTrue("MKD made the bucket in the store", Files.isDirectory(store.dataDirectory().resolve(BUCKET)));
    }

    @Test
    public void oneGibibyteGoesUpAsAMultipartUploadOnEightStreamsAndComesBackIdentical() throws IOException {
        Path source = TestData.randomFile(gantry.work().resolve("big.src"), 61, GIB);
        String expected = TestData.sha256(source);
        Map<String, Long> before = s3.counters(gantry);

        GlobusUrlCopy.run("-p", "8", fileUrl(source), s3.url(gantry, BUCKET + "/big.bin"));
        Map<String, Long> after = s3.counters(gantry);
        assertEquals("object size in the store", GIB,
                store.head(BUCKET, "big.bin").orElseThrow(() -> new AssertionError("no object big.bin")).contentLength()
                        .longValue());
        assertEquals("multipart uploads for the 1 GiB file", 1, delta(before, after, "multipartUploads"));
        assertEquals("parts of " + PART_SIZE + " bytes", GIB / PART_SIZE, delta(before, after, "partsUploaded"));
        assertEquals("single PUTs for the 1 GiB file", 0, delta(before, after, "singlePuts"));
        assertEquals("aborted uploads", 0, delta(before, after, "abortedUploads"));

        Path downloaded = gantry.work().resolve("big.downloaded");
        GlobusUrlCopy.run("-p", "8", s3.url(gantry, BUCKET + "/big.bin"), fileUrl(downloaded));
        assertEquals("SHA-256 of the copy downloaded from /s3", expected, TestData.sha256(downloaded));
        Files.delete(downloaded);

        // The POSIX root is untouched by the mount, and still serves its own files.
        GlobusUrlCopy.run(fileUrl(source), gantry.url("posix.bin"));
        assertEquals("/ is still the POSIX DSI", expected, TestData.sha256(gantry.root().resolve("posix.bin")));
        assertFalse("nothing of /s3 is on the POSIX disk", Files.exists(gantry.root().resolve("s3")));
        // 3 GiB is too much to keep around after a passing run.
        Files.delete(gantry.root().resolve("posix.bin"));
        Files.delete(source);
        store.delete(BUCKET, "big.bin");
    }

    @Test
    public void aThousandSmallFilesGoUpAndComeBackWithFourConcurrentSessions() throws IOException {
        Path tree = Files.createDirectories(gantry.work().resolve("tree"));
        for (int i = 0; i < TREE_FILES; i++) {
            Files.write(tree.resolve(String.format("f%04d.bin", i)), TestData.bytes(6_000 + i, TREE_FILE_SIZE));
        }
        String remote = s3.url(gantry, BUCKET + "/dir/");
        GlobusUrlCopy.run("-cc", "4", "-fast", "-r", "-cd", fileUrl(tree) + "/", remote);
        TestData.assertSameFiles(tree, store.dataDirectory().resolve(BUCKET).resolve("dir"));

        Path back = gantry.work().resolve("tree-back");
        GlobusUrlCopy.run("-cc", "4", "-fast", "-r", "-cd", remote, fileUrl(back) + "/");
        TestData.assertSameFiles(tree, back);
    }

    @Test
    public void aThirdPartyCopyFromTheGlobusServerOnFourStreamsLandsInTheStore() throws IOException {
        Path source = globus.file("to-s3.src", 62, THIRD_PARTY_SIZE);
        GlobusUrlCopy.run("-p", "4", globus.url("to-s3.src"), s3.url(gantry, BUCKET + "/from-globus.bin"));
        TestData.assertSameContent(source, store.objectFile(BUCKET, "from-globus.bin"));
        Files.delete(source);
        store.delete(BUCKET, "from-globus.bin");
    }

    @Test
    public void gfalCopyChecksAdler32BothWaysAndCksmIsAnsweredWithoutReadingTheObject() throws IOException {
        byte[] content = TestData.bytes(63, GFAL_SIZE);
        String adler32 = LocalChecksum.of("ADLER32", content, 0, content.length);
        Path local = Files.write(gantry.work().resolve("gfal.src"), content);
        String url = s3.url(gantry, BUCKET + "/gfal.bin");
        Map<String, Long> before = s3.counters(gantry);

        Gfal.run("gfal-copy", "-K", "ADLER32", fileUrl(local), url);
        Path down = gantry.work().resolve("gfal.down");
        Gfal.run("gfal-copy", "-K", "ADLER32", url, fileUrl(down));
        TestData.assertSameContent(local, down);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("213 " + adler32, ftp.command("CKSM ADLER32 0 -1 " + s3.path(BUCKET + "/gfal.bin"), 213)
                    .lines().get(0));
        }
        Map<String, Long> after = s3.counters(gantry);
        assertEquals("a multipart upload (the checksum lives in a record, not in the object's metadata)", 1,
                delta(before, after, "multipartUploads"));
        assertEquals("bytes read: the download only; gfal's CKSMs and ours came from the stored value",
                GFAL_SIZE, delta(before, after, "bytesRead"));
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        assertTrue("counter " + counter + " in " + after, after.containsKey(counter) && before.containsKey(counter));
        return after.get(counter) - before.get(counter);
    }
}
