package org.gantry.dsi.posix.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No path, however built, reaches outside the root. */
class PosixPathSecurityTest extends DsiContractSupport {

    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    private Path served;
    private Path outside;

    @Override
    protected Dsi createDsi() throws Exception {
        served = temp.resolve("served");
        return new PosixDsi("security", served, 0644, 0755, 2);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((PosixDsi) dsi).close();
    }

    @BeforeEach
    void createOutsideTree() throws Exception {
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.write(outside.resolve("secret.txt"), SECRET);
    }

    @Test
    void dotDotElementsAreRefused() {
        assertFails(InvalidPathException.class, () -> session.stat("/..", true));
        assertFails(InvalidPathException.class, () -> session.stat("/../outside/secret.txt", true));
        assertFails(InvalidPathException.class, () -> session.list("/a/../.."));
        assertFails(InvalidPathException.class, () -> session.openRead("/../outside/secret.txt", ReadRequest.whole()));
        assertFails(InvalidPathException.class, () -> session.openWrite("/../outside/new.txt", WriteRequest.replace()));
        assertFails(InvalidPathException.class, () -> session.mkdir("/./x"));
        assertFalse(Files.exists(outside.resolve("new.txt")));
    }

    @Test
    void nulBytesAndRelativePathsAreRefused() {
        assertFails(InvalidPathException.class, () -> session.stat("/a\0b", true));
        assertFails(InvalidPathException.class, () -> session.openWrite("/x\0/../y", WriteRequest.replace()));
        assertFails(InvalidPathException.class, () -> session.stat("relative", true));
    }

    @Test
    void absoluteSymlinkToADirectoryOutsideIsRefusedForEveryOperation() throws Exception {
        Files.createSymbolicLink(served.resolve("escape"), outside);

        assertEscapeRefused("/escape");
    }

    @Test
    void relativeSymlinkClimbingOutIsRefusedForEveryOperation() throws Exception {
        Files.createSymbolicLink(served.resolve("up"), Path.of("../outside"));

        assertEscapeRefused("/up");
    }

    @Test
    void chainOfLinksEndingOutsideIsRefused() throws Exception {
        Files.createDirectory(served.resolve("dir"));
        Files.createSymbolicLink(served.resolve("dir/second"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(served.resolve("first"), Path.of("dir/second"));

        assertFails(InvalidPathException.class, () -> session.stat("/first", true));
        assertFails(InvalidPathException.class, () -> session.openRead("/first", ReadRequest.whole()));
        assertFails(InvalidPathException.class, () -> session.openWrite("/first", WriteRequest.replace()));
        assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
    }

    @Test
    void danglingLinkPointingOutsideCannotCreateAFileThere() throws Exception {
        Files.createSymbolicLink(served.resolve("dangling"), outside.resolve("planted.txt"));

        assertFails(InvalidPathException.class, () -> session.openWrite("/dangling", WriteRequest.replace()));
        assertFails(InvalidPathException.class, () -> session.stat("/dangling", true));
        assertFalse(Files.exists(outside.resolve("planted.txt")));
    }

    /** The link itself may be inspected and removed; nothing may pass through it. */
    private void assertEscapeRefused(String link) throws Exception {
        String inside = link + "/secret.txt";
        FileInfo self = await(session.stat(link, false));
        assertEquals(FileType.SYMLINK, self.type());
        assertTrue(self.linkTarget().isPresent());

        assertFails(InvalidPathException.class, () -> session.stat(link, true));
        assertFails(InvalidPathException.class, () -> session.stat(inside, false));
        assertFails(InvalidPathException.class, () -> session.list(link));
        assertFails(InvalidPathException.class, () -> session.openRead(inside, ReadRequest.whole()));
        assertFails(InvalidPathException.class, () -> session.checksum(inside, "MD5", 0, -1));
        assertFails(InvalidPathException.class, () -> session.openWrite(inside, WriteRequest.replace()));
        assertFails(InvalidPathException.class, () -> session.openWrite(link + "/new.txt", WriteRequest.replace()));
        assertFails(InvalidPathException.class, () -> session.mkdir(link + "/dir"));
        assertFails(InvalidPathException.class, () -> session.delete(inside));
        assertFails(InvalidPathException.class, () -> session.rename(inside, "/stolen.txt"));
        assertFails(InvalidPathException.class, () -> session.rename("/", link + "/x"));
        assertFails(InvalidPathException.class, () -> session.setTimes(inside, Instant.EPOCH));
        assertFails(InvalidPathException.class, () -> session.chmod(inside, 0777));
        assertFails(InvalidPathException.class, () -> session.realPath(inside));
        assertFails(InvalidPathException.class, () -> session.symlink("/", link + "/planted"));

        assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
        try (var entries = Files.list(outside)) {
            assertEquals(1, entries.count(), "nothing was created outside the root");
        }
        await(session.delete(link));
        assertTrue(Files.exists(outside.resolve("secret.txt")), "deleting the link keeps its target");
    }

    @Test
    void symlinksInsideTheRootWork() throws Exception {
        Files.createDirectory(served.resolve("dir"));
        Files.write(served.resolve("dir/file.txt"), SECRET);
        Files.createSymbolicLink(served.resolve("alias"), Path.of("dir"));

        assertEquals("/dir/file.txt", await(session.realPath("/alias/file.txt")));
        assertArrayEquals(SECRET, readFile("/alias/file.txt"));
        assertEquals(1, listAll("/alias", 10).size());
        writeFile("/alias/new.txt", new byte[] {1});
        assertTrue(Files.exists(served.resolve("dir/new.txt")));
    }

    @Test
    void linksCreatedThroughTheDsiAreRelativeAndStayInside() throws Exception {
        await(session.mkdir("/dir"));
        await(session.mkdir("/sub"));
        writeFile("/dir/file", SECRET);

        await(session.symlink("/dir/file", "/sub/link"));
        await(session.symlink("../dir", "/sub/up"));

        assertEquals(Path.of("../dir/file"), Files.readSymbolicLink(served.resolve("sub/link")));
        assertArrayEquals(SECRET, readFile("/sub/link"));
        assertEquals("/dir", await(session.realPath("/sub/up")));
        assertFails(InvalidPathException.class, () -> session.symlink("../../etc/passwd", "/sub/bad"));
        assertFalse(Files.exists(served.resolve("sub/bad"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void absoluteLinkTargetsInsideTheRootAreShownAsDsiPaths() throws Exception {
        Files.createDirectory(served.resolve("dir"));
        Files.createSymbolicLink(served.resolve("abs"), served.toRealPath().resolve("dir"));

        assertEquals("/dir", await(session.stat("/abs", false)).linkTarget().orElseThrow());
    }

    @Test
    void chmodDropsSetUidAndSetGidBits() throws Exception {
        writeFile("/tool", new byte[] {1});

        await(session.chmod("/tool", 06755));

        assertEquals(0755, await(session.stat("/tool", true)).mode());
    }

    @Test
    void reservedUploadNamesCannotBeAddressed() {
        assertFails(InvalidPathException.class, () -> session.stat("/" + RootedPaths.TEMP_PREFIX + "x.part", false));
        assertFails(InvalidPathException.class, () -> session.delete("/" + RootedPaths.TEMP_PREFIX + "x.part"));
    }
}
