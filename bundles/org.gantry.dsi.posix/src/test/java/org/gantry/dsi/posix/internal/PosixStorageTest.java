package org.gantry.dsi.posix.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the POSIX DSI leaves on disk: temporary files, modes, huge directories. */
class PosixStorageTest extends DsiContractSupport {

    @TempDir
    Path temp;

    private Path served;

    @Override
    protected Dsi createDsi() throws Exception {
        served = temp.resolve("served");
        return new PosixDsi("storage", served, 0644, 0755, 2);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((PosixDsi) dsi).close();
    }

    private List<String> onDisk(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    private DsiWriter startUpload(String path) throws Exception {
        DsiWriter writer = await(session.openWrite(path, WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(randomBytes(4096, 1)), 0));
        return writer;
    }

    @Test
    void uploadInProgressIsAPrivateHiddenFileNextToItsTarget() throws Exception {
        DsiWriter writer = startUpload("/file.bin");

        List<String> files = onDisk(served);
        assertEquals(1, files.size());
        assertTrue(files.get(0).startsWith(RootedPaths.TEMP_PREFIX), files.get(0));
        assertEquals(0600, FileModes.read(served.resolve(files.get(0)), -1));
        assertEquals(List.of(), listAll("/", 10), "the temporary file is not listed");

        await(writer.commit(new CommitInfo(4096, List.of())));
        assertEquals(List.of("file.bin"), onDisk(served));
        assertEquals(0644, FileModes.read(served.resolve("file.bin"), -1));
    }

    @Test
    void abortRemovesTheTemporaryFileFromDisk() throws Exception {
        DsiWriter writer = startUpload("/file.bin");

        await(writer.abort(new Exception("test")));

        assertEquals(List.of(), onDisk(served));
    }

    @Test
    void stoppingTheDsiDiscardsUnfinishedUploads() throws Exception {
        startUpload("/file.bin");

        ((PosixDsi) dsi).close();

        assertEquals(List.of(), onDisk(served));
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws Exception {
        writeFile("/private.txt", new byte[] {1});
        await(session.chmod("/private.txt", 0600));

        writeFile("/private.txt", new byte[] {2, 2});

        assertEquals(0600, FileModes.read(served.resolve("private.txt"), -1));
    }

    @Test
    void appendCountsExistingBytesAsDurable() throws Exception {
        writeFile("/log", new byte[10]);

        DsiWriter writer = await(session.openWrite("/log", new WriteRequest(false, -1, Optional.empty(), Optional.empty())));

        assertEquals(List.of(new ByteRange(0, 10)), writer.durableRanges());
        await(writer.abort(new Exception("test")));
    }

    @Test
    void allocationLargerThanTheFileSystemFailsWithNoSpace() throws Exception {
        long tooMuch = Files.getFileStore(served).getTotalSpace() * 4;
        WriteRequest request = new WriteRequest(true, tooMuch, Optional.empty(), Optional.empty());

        assertFails(NoSpaceException.class, () -> session.openWrite("/huge.bin", request));
        assertEquals(List.of(), onDisk(served));
    }

    @Test
    void readOnlySessionMayReadButChangesNothingOnDisk() throws Exception {
        writeFile("/file", new byte[] {1});
        DsiSession reader = await(dsi.openSession(new SessionContext("guest", Optional.empty(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, Optional.empty(), Map.of())));

        assertArrayEquals(new byte[] {1}, readFile(reader, "/file"));
        assertFails(PermissionDeniedException.class, () -> reader.openWrite("/new", WriteRequest.replace()));
        assertFails(PermissionDeniedException.class, () -> reader.mkdir("/dir"));
        assertFails(PermissionDeniedException.class, () -> reader.delete("/file"));
        assertFails(PermissionDeniedException.class, () -> reader.rename("/file", "/moved"));
        assertFails(PermissionDeniedException.class, () -> reader.chmod("/file", 0600));
        assertFails(PermissionDeniedException.class, () -> reader.symlink("/file", "/link"));
        assertEquals(List.of("file"), onDisk(served));
        reader.close();
    }

    @Test
    void directoryOfHundredThousandEntriesIsListedInBoundedBatches() throws Exception {
        int count = 100_000;
        int batchSize = 1000;
        Path big = Files.createDirectory(served.resolve("big"));
        for (int i = 0; i < count; i++) {
            Files.createFile(big.resolve(Integer.toString(i)));
        }

        BitSet seen = new BitSet(count);
        int batches = 0;
        try (DirectoryListing listing = await(session.list("/big"))) {
            for (List<FileInfo> batch = await(listing.next(batchSize)); !batch.isEmpty();
                    batch = await(listing.next(batchSize))) {
                assertTrue(batch.size() <= batchSize, "batch of " + batch.size());
                batches++;
                for (FileInfo entry : batch) {
                    int index = Integer.parseInt(entry.name());
                    assertTrue(!seen.get(index), "listed twice: " + index);
                    seen.set(index);
                }
            }
        }

        assertEquals(count, seen.cardinality());
        assertEquals(count / batchSize, batches);
    }
}
