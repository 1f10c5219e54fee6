package org.gantry.dsi.s3.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The namespace over buckets and keys in bucket-per-directory mode, with objects that other S3
 * tools wrote (no markers, no checksums): the mapping rules of the bundle's README.
 */
class S3NamespaceTest extends DsiContractSupport {

    @RegisterExtension
    static final TestStores stores = new TestStores();
    private TestStores.RequestCounter requests;
    private String bucket;

    @Override
    protected Dsi createDsi() {
        bucket = stores.newBucket("ns");
        TestStores.CountedDsi counted = stores.dsi(Optional.empty(), 5 << 20, 16 << 20);
        requests = counted.requests();
        return counted.dsi();
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((S3Dsi) dsi).close();
    }

    private void foreignObject(String key, String content) {
        stores.admin.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    @Test
    void theRootListsBucketsAndMkdirThereMakesOne() throws Exception {
        String made = bucket + "-made";
        await(session.mkdir("/" + made));

        stores.admin.headBucket(b -> b.bucket(made));
        assertTrue(listNames("/").containsAll(Set.of(bucket, made)));
        assertFails(PermissionDeniedException.class, () -> session.openWrite("/loose.bin",
                org.gantry.dsi.api.WriteRequest.replace()));
        assertEquals(Optional.of(553), assertFails(org.gantry.dsi.api.DsiException.class,
                () -> session.mkdir("/No_Bucket")).replyCode());

        await(session.rmdir("/" + made));
        assertFails(NotFoundException.class, () -> session.stat("/" + made, true));
    }

    @Test
    void prefixesOfForeignObjectsAreDirectoriesThatGoWithTheirLastObject() throws Exception {
        foreignObject("a/b/c.txt", "sea");
        String a = "/" + bucket + "/a";

        assertTrue(await(session.stat(a, true)).isDirectory());
        assertEquals(Set.of("b"), listNames(a));
        assertFails(DirectoryNotEmptyException.class, () -> session.rmdir(a + "/b"));

        await(session.delete(a + "/b/c.txt"));
        assertFails(NotFoundException.class, () -> session.stat(a, true));
    }

    @Test
    void mkdirOnAnImpliedDirectoryKeepsItWhenItsObjectsGo() throws Exception {
        foreignObject("kept/file.txt", "x");
        String kept = "/" + bucket + "/kept";

        await(session.mkdir(kept));
        await(session.delete(kept + "/file.txt"));

        assertTrue(await(session.stat(kept, true)).isDirectory(), "the marker keeps it");
        await(session.rmdir(kept));
        assertFails(NotFoundException.class, () -> session.stat(kept, true));
    }

    /** A listing fetches one ListObjectsV2 page per 1,000 keys, as the entries are pulled. */
    @Test
    void aLargePrefixIsListedPageByPage() throws Exception {
        IntStream.range(0, 2500).parallel().forEach(i -> foreignObject(String.format("big/k%05d", i), "v"));
        String big = "/" + bucket + "/big";

        try (DirectoryListing listing = await(session.list(big))) {
            requests.reset();
            assertEquals(100, await(listing.next(100)).size());
            assertEquals(1, requests.count("ListObjectsV2"), "only the first page so far");
            int total = 100;
            for (List<FileInfo> batch = await(listing.next(500)); !batch.isEmpty(); batch = await(listing.next(500))) {
                total += batch.size();
            }
            assertEquals(2500, total);
            assertEquals(3, requests.count("ListObjectsV2"));
        }
    }

    @Test
    void checksumRecordsAreNeitherListedNorReachable() throws Exception {
        foreignObject("data.bin", "payload");
        String path = "/" + bucket + "/data.bin";
        await(session.checksum(path, "MD5", 0, -1));

        assertFalse(stores.admin.listObjectsV2(b -> b.bucket(bucket).prefix(ObjectPaths.RESERVED + "/")).contents()
                .isEmpty(), "the computed value was recorded");
        assertEquals(Set.of("data.bin"), listNames("/" + bucket));
        assertFails(InvalidPathException.class, () -> session.stat("/" + bucket + "/" + ObjectPaths.RESERVED, true));
    }

    @Test
    void aForeignObjectsChecksumIsComputedOnceThenAnsweredFromItsRecord() throws Exception {
        foreignObject("foreign.txt", "hello world");
        String path = "/" + bucket + "/foreign.txt";

        assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", await(session.checksum(path, "MD5", 0, -1)));
        assertEquals(1, requests.count("GetObject"));
        assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", await(session.checksum(path, "md5", 0, -1)));
        assertEquals(1, requests.count("GetObject"), "the second answer read nothing");

        foreignObject("foreign.txt", "changed");
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest("changed".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                await(session.checksum(path, "MD5", 0, -1)));
        assertEquals(2, requests.count("GetObject"), "a replaced object's old record does not count");
    }

    /**
     * Above S3's single-copy limit (5 GiB; 1 MiB here) a rename copies the object in parts (of
     * 5 MiB here, S3's smallest).
     */
    @Test
    void renameOfALargeObjectIsAMultipartCopy() throws Exception {
        S3Settings settings = stores.settings("copies", Optional.empty(), 5 << 20, 16 << 20);
        TestStores.RequestCounter counter = new TestStores.RequestCounter();
        var client = S3Clients.create(settings, List.of(counter));
        S3Dsi copies = new S3Dsi(settings, client, new ObjectStore(client, 1 << 20, 5 << 20));
        try {
            byte[] content = randomBytes(11 << 20, 7);
            DsiSession copying = await(copies.openSession(sessionContext("copier")));
            writeFile(copying, "/" + bucket + "/big.bin", content);

            await(copying.rename("/" + bucket + "/big.bin", "/" + bucket + "/moved.bin"));

            assertEquals(3, counter.count("UploadPartCopy"));
            assertArrayEquals(content, readFile(copying, "/" + bucket + "/moved.bin"));
            assertFails(NotFoundException.class, () -> copying.stat("/" + bucket + "/big.bin", true));
        } finally {
            copies.close();
        }
    }

    @Test
    void renameMovesAnObjectAndItsRecord() throws Exception {
        foreignObject("from.txt", "hello world");
        String from = "/" + bucket + "/from.txt";
        String to = "/" + bucket + "/to.txt";
        await(session.checksum(from, "MD5", 0, -1));

        await(session.rename(from, to));
        requests.reset();

        assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", await(session.checksum(to, "MD5", 0, -1)));
        assertEquals(0, requests.count("GetObject"), "the record moved with the object");
        assertEquals(Set.of("to.txt"), listNames("/" + bucket).stream().filter(n -> n.endsWith(".txt"))
                .collect(Collectors.toSet()));
    }
}
