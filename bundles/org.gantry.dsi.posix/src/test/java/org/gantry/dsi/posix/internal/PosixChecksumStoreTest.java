package org.gantry.dsi.posix.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the POSIX DSI keeps checksums on disk (extended attribute or sidecar), when it stops
 * trusting them (the file changed behind its back), and its read counter.
 */
class PosixChecksumStoreTest extends DsiContractSupport {

    private static final String STORED = "0badf00d";

    @TempDir
    Path temp;

    private Path served;
    private boolean attributes = true;

    @Override
    protected Dsi createDsi() throws Exception {
        served = temp.resolve("served");
        return new PosixDsi("store", served, 0644, 0755, 2, false, attributes);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((PosixDsi) dsi).close();
    }

    /** Re-creates the DSI on the same directory, with or without extended attributes. */
    private void reopen(boolean withAttributes) throws Exception {
        session.close();
        ((PosixDsi) dsi).close();
        attributes = withAttributes;
        dsi = createDsi();
        session = await(dsi.openSession(sessionContext("tester")));
    }

    private void uploadWithStoredAdler32(String path, byte[] content) throws Exception {
        DsiWriter writer = await(session.openWrite(path, WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(content), 0));
        await(writer.commit(new CommitInfo(content.length, List.of(new Checksum("ADLER32", STORED)))));
    }

    private List<String> onDisk(Path directory) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    private long bytesRead() {
        return dsi.counters().get(Dsi.BYTES_READ);
    }

    @Test
    void theRecordIsAnExtendedAttributeOfTheFileAndNoSidecarIsMade() throws Exception {
        uploadWithStoredAdler32("/a.bin", randomBytes(1000, 1));

        UserDefinedFileAttributeView view = Files.getFileAttributeView(served.resolve("a.bin"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(view.size("gantry.checksums"));
        view.read("gantry.checksums", value);
        String text = StandardCharsets.US_ASCII.decode(value.flip()).toString();
        assertTrue(text.startsWith("gantry-checksums/1 size=1000 ") && text.endsWith(" ADLER32=" + STORED), text);
        assertEquals(List.of("a.bin"), onDisk(served));
    }

    @Test
    void withoutAttributesAHiddenSidecarFollowsItsFileAndGoesWithIt() throws Exception {
        reopen(false);
        await(session.mkdir("/d"));
        uploadWithStoredAdler32("/d/a.bin", randomBytes(1000, 2));
        Path sidecar = StoredChecksums.sidecarOf(served.resolve("d/a.bin"));
        assertEquals(List.of(sidecar.getFileName().toString(), "a.bin"), onDisk(served.resolve("d")));
        assertEquals(List.of("a.bin"), List.copyOf(listNames("/d")), "the sidecar is not listed");
        String name = "/d/" + sidecar.getFileName();
        assertFails(InvalidPathException.class, () -> session.stat(name, false));
        assertFails(InvalidPathException.class, () -> session.delete(name));
        assertFails(InvalidPathException.class, () -> session.openWrite(name, WriteRequest.replace()));

        await(session.rename("/d/a.bin", "/d/b.bin"));
        assertEquals(STORED, await(session.checksum("/d/b.bin", "ADLER32", 0, -1)));
        assertEquals(List.of(StoredChecksums.sidecarOf(served.resolve("d/b.bin")).getFileName().toString(), "b.bin"),
                onDisk(served.resolve("d")));

        await(session.delete("/d/b.bin"));
        assertEquals(List.of(), onDisk(served.resolve("d")));
        await(session.rmdir("/d"));
    }

    @Test
    void aDirectoryHoldingOnlyStaleSidecarsCanBeRemoved() throws Exception {
        reopen(false);
        await(session.mkdir("/d"));
        uploadWithStoredAdler32("/d/a.bin", randomBytes(10, 3));
        Files.delete(served.resolve("d/a.bin")); // removed behind the server's back

        await(session.rmdir("/d"));
        assertFalse(Files.exists(served.resolve("d")));
    }

    @ParameterizedTest(name = "attributes={0}")
    @ValueSource(booleans = {true, false})
    void aFileChangedBehindTheServersBackIsSummedAgain(boolean withAttributes) throws Exception {
        reopen(withAttributes);
        uploadWithStoredAdler32("/a.bin", randomBytes(5000, 4));
        assertEquals(STORED, await(session.checksum("/a.bin", "ADLER32", 0, -1)));

        byte[] changed = randomBytes(5000, 5); // same size
        Files.write(served.resolve("a.bin"), changed);
        Files.setLastModifiedTime(served.resolve("a.bin"), FileTime.from(Instant.now().plusSeconds(5)));

        assertEquals(expectedAdler32(changed), await(session.checksum("/a.bin", "ADLER32", 0, -1)));
    }

    @ParameterizedTest(name = "attributes={0}")
    @ValueSource(booleans = {true, false})
    void aFileReplacedBehindTheServersBackIsSummedAgain(boolean withAttributes) throws Exception {
        reopen(withAttributes);
        uploadWithStoredAdler32("/a.bin", randomBytes(5000, 6));
        Path file = served.resolve("a.bin");
        FileTime mtime = Files.getLastModifiedTime(file);
        byte[] other = randomBytes(5000, 7);
        Path replacement = served.resolve("replacement");
        Files.write(replacement, other);
        Files.setLastModifiedTime(replacement, mtime); // same size, same mtime, another inode
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(expectedAdler32(other), await(session.checksum("/a.bin", "ADLER32", 0, -1)));
    }

    @ParameterizedTest(name = "attributes={0}")
    @ValueSource(booleans = {true, false})
    void settingTheModificationTimeKeepsTheStoredValue(boolean withAttributes) throws Exception {
        reopen(withAttributes);
        uploadWithStoredAdler32("/a.bin", randomBytes(5000, 8));
        await(session.setTimes("/a.bin", Instant.parse("2020-01-02T03:04:05Z")));

        assertEquals(STORED, await(session.checksum("/a.bin", "ADLER32", 0, -1)));
    }

    @Test
    void readersCountWhatTheyReadAlsoThroughSendfile() throws Exception {
        byte[] content = randomBytes(300_000, 9);
        writeFile("/a.bin", content);
        long before = bytesRead();

        DsiReader reader = await(session.openRead("/a.bin", ReadRequest.whole()));
        try {
            readRange(reader, 1000, 50_000);
            FileChannel file = reader.fileChannel().orElseThrow();
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (WritableByteChannel out = Channels.newChannel(sink)) {
                assertEquals(100_000, file.transferTo(200_000, 100_000, out));
            }
        } finally {
            reader.close();
        }
        assertEquals(150_000, bytesRead() - before);

        await(session.checksum("/a.bin", "MD5", 10, 20_000));
        assertEquals(170_000, bytesRead() - before, "a checksum reads its range");
    }

    private static String expectedAdler32(byte[] data) {
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(data);
        return String.format("%08x", adler.getValue());
    }
}
