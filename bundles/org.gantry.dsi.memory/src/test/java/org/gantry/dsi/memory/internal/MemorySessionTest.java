package org.gantry.dsi.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.StorageUnavailableException;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;

/** Session behaviour specific to the memory DSI. */
class MemorySessionTest extends DsiContractSupport {

    @Override
    protected Dsi createDsi() {
        return new MemoryDsi(1024 * 1024);
    }

    @Test
    void checksumsGivenAtCommitAreStoredWithTheFile() throws Exception {
        byte[] content = {1, 2, 3};
        List<Checksum> checksums = List.of(new Checksum("ADLER32", "000d0007"));
        DsiWriter writer = await(session.openWrite("/file", WriteRequest.replace()));
        await(writer.write(ByteBuffer.wrap(content), 0));

        await(writer.commit(new CommitInfo(3, checksums)));

        assertEquals(checksums, await(session.stat("/file", true)).checksums());
        assertArrayEquals(content, readFile("/file"));
    }

    @Test
    void newEntriesBelongToTheSessionUser() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/file", new byte[] {1});

        assertEquals(Optional.of("tester"), await(session.stat("/dir", true)).owner());
        assertEquals(Optional.of("tester"), await(session.stat("/dir/file", true)).owner());
    }

    @Test
    void symlinksAreNotSupported() {
        assertFails(NotSupportedException.class, () -> session.symlink("/a", "/b"));
    }

    @Test
    void readOnlySessionMayReadButNotModify() throws Exception {
        writeFile("/file", new byte[] {1});
        DsiSession reader = await(dsi.openSession(new SessionContext("guest", Optional.empty(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, Optional.empty(), Map.of())));

        assertArrayEquals(new byte[] {1}, readFile(reader, "/file"));
        assertFails(PermissionDeniedException.class, () -> reader.openWrite("/new", WriteRequest.replace()));
        assertFails(PermissionDeniedException.class, () -> reader.mkdir("/dir"));
        assertFails(PermissionDeniedException.class, () -> reader.delete("/file"));
        assertFails(PermissionDeniedException.class, () -> reader.rename("/file", "/moved"));
        assertFails(PermissionDeniedException.class, () -> reader.setTimes("/file", Instant.EPOCH));
        assertFails(PermissionDeniedException.class, () -> reader.chmod("/file", 0600));
        assertEquals(Set.of("file"), listNames("/"));
        reader.close();
    }

    @Test
    void operationsAfterStopFailWithStorageUnavailable() throws Exception {
        ((MemoryDsi) dsi).close();

        assertFails(StorageUnavailableException.class, () -> session.stat("/", true));
        assertFails(StorageUnavailableException.class, () -> dsi.openSession(sessionContext("late")));
    }
}
