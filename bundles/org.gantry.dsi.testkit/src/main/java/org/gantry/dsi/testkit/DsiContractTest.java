package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.WriteRequest;
import org.junit.jupiter.api.Test;

/**
 * The complete DSI contract. A DSI's test extends this class and implements
 * {@link #createDsi()} (and {@link #destroyDsi} if it holds resources):
 *
 * <pre>
 * class MyDsiContractTest extends DsiContractTest {
 *     protected Dsi createDsi() { return new MyDsi(...); }
 * }
 * </pre>
 *
 * The tests are grouped by concern in the superclasses ({@link NamespaceContract},
 * {@link ListingContract}, {@link UploadContract}, {@link ReadContract},
 * {@link ChecksumContract}, {@link StoredChecksumContract}, {@link RestartContract}); this class
 * adds sessions and names.
 */
public abstract class DsiContractTest extends RestartContract {

    @Test
    public void twoSessionsWriteDifferentFilesInParallel() throws Exception {
        DsiSession other = openSession("other");
        byte[] first = randomBytes(256 * 1024, 16);
        byte[] second = randomBytes(256 * 1024 + 7, 17);
        DsiWriter firstWriter = await(session.openWrite("/first.bin", WriteRequest.replace()));
        DsiWriter secondWriter = await(other.openWrite("/second.bin", WriteRequest.replace()));
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Void> firstUpload = CompletableFuture.runAsync(() -> upload(start, firstWriter, first));
        CompletableFuture<Void> secondUpload = CompletableFuture.runAsync(() -> upload(start, secondWriter, second));
        start.countDown();
        firstUpload.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        secondUpload.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertArrayEquals(first, readFile(other, "/first.bin"), "each session sees the other's commit");
        assertArrayEquals(second, readFile(session, "/second.bin"));
    }

    /** Writes in ascending 4 KiB blocks, so it also suits DSIs without random writes. */
    private static void upload(CountDownLatch start, DsiWriter writer, byte[] content) {
        try {
            assertTrue(start.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            for (int offset = 0; offset < content.length; offset += 4096) {
                int length = Math.min(4096, content.length - offset);
                await(writer.write(ByteBuffer.wrap(content, offset, length), offset));
            }
            await(writer.commit(UploadContract.sized(content.length)));
        } catch (Exception e) {
            throw new AssertionError("upload failed", e);
        }
    }

    @Test
    public void pathsWithSpacesAndUtf8NamesWork() throws Exception {
        String directory = "/dir with  spaces";
        String name = "naïve ファイル ✓ #1.txt";
        String renamed = "Ünïcødé € 𝄞.bin";
        byte[] content = "grüße".getBytes(StandardCharsets.UTF_8);

        await(session.mkdir(directory));
        writeFile(directory + "/" + name, content);

        assertEquals(List.of(name), listAll(directory, 10).stream().map(FileInfo::name).toList());
        assertEquals(name, await(session.stat(directory + "/" + name, true)).name());
        assertArrayEquals(content, readFile(directory + "/" + name));

        await(session.rename(directory + "/" + name, directory + "/" + renamed));
        assertArrayEquals(content, readFile(directory + "/" + renamed));
        assertEquals(List.of(renamed), listAll(directory, 10).stream().map(FileInfo::name).toList());
    }

    @Test
    public void closedSessionLeavesCommittedDataForNewSessions() throws Exception {
        DsiSession other = await(dsi.openSession(sessionContext("writer")));
        writeFile(other, "/kept.bin", new byte[] {4, 5, 6});
        other.close();

        assertArrayEquals(new byte[] {4, 5, 6}, readFile("/kept.bin"));
    }
}
