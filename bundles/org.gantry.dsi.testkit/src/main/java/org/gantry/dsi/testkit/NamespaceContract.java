package org.gantry.dsi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.junit.jupiter.api.Test;

/** Namespace semantics: stat, mkdir, rmdir, delete, rename, times, modes, links. */
public abstract class NamespaceContract extends DsiContractSupport {

    @Test
    public void statOfMissingPathFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.stat("/missing", true));
        assertFails(NotFoundException.class, () -> session.stat("/missing/child", false));
    }

    @Test
    public void statOfFileReportsNameTypeAndSize() throws Exception {
        writeFile("/data.bin", randomBytes(1234, 1));

        FileInfo info = await(session.stat("/data.bin", true));

        assertEquals("data.bin", info.name());
        assertEquals(FileType.FILE, info.type());
        assertEquals(1234, info.size());
        assertTrue(info.modified().isAfter(Instant.EPOCH), "modification time must be set");
    }

    @Test
    public void statOfDirectoryReportsDirectory() throws Exception {
        await(session.mkdir("/dir"));

        FileInfo info = await(session.stat("/dir", true));

        assertEquals("dir", info.name());
        assertTrue(info.isDirectory());
    }

    @Test
    public void statOfRootIsADirectoryNamedSlash() throws Exception {
        FileInfo info = await(session.stat("/", true));

        assertEquals("/", info.name());
        assertTrue(info.isDirectory());
    }

    @Test
    public void mkdirCreatesNestedDirectories() throws Exception {
        await(session.mkdir("/a"));
        await(session.mkdir("/a/b"));

        assertTrue(await(session.stat("/a/b", true)).isDirectory());
    }

    @Test
    public void mkdirOfExistingDirectoryFailsWithAlreadyExists() throws Exception {
        await(session.mkdir("/dir"));

        assertFails(AlreadyExistsException.class, () -> session.mkdir("/dir"));
    }

    @Test
    public void mkdirOverExistingFileFailsWithAlreadyExists() throws Exception {
        writeFile("/file", new byte[] {1});

        assertFails(AlreadyExistsException.class, () -> session.mkdir("/file"));
        assertTrue(await(session.stat("/file", true)).isFile());
    }

    @Test
    public void mkdirInMissingParentFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.mkdir("/missing/dir"));
    }

    @Test
    public void rmdirRemovesEmptyDirectory() throws Exception {
        await(session.mkdir("/dir"));

        await(session.rmdir("/dir"));

        assertFails(NotFoundException.class, () -> session.stat("/dir", true));
    }

    @Test
    public void rmdirOfNonEmptyDirectoryFailsWithDirectoryNotEmpty() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/file", new byte[] {1});

        assertFails(DirectoryNotEmptyException.class, () -> session.rmdir("/dir"));
        assertTrue(await(session.stat("/dir/file", true)).isFile());
    }

    @Test
    public void rmdirOfFileFailsWithNotDirectory() throws Exception {
        writeFile("/file", new byte[] {1});

        assertFails(NotDirectoryException.class, () -> session.rmdir("/file"));
    }

    @Test
    public void rmdirOfMissingDirectoryFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.rmdir("/missing"));
    }

    @Test
    public void deleteRemovesFile() throws Exception {
        writeFile("/file", new byte[] {1, 2, 3});

        await(session.delete("/file"));

        assertFails(NotFoundException.class, () -> session.stat("/file", true));
    }

    @Test
    public void deleteOfDirectoryFailsWithIsDirectory() throws Exception {
        await(session.mkdir("/dir"));

        assertFails(IsDirectoryException.class, () -> session.delete("/dir"));
        assertTrue(await(session.stat("/dir", true)).isDirectory());
    }

    @Test
    public void deleteOfMissingFileFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.delete("/missing"));
    }

    @Test
    public void renameMovesFileWithItsContent() throws Exception {
        byte[] content = randomBytes(5000, 2);
        writeFile("/old.bin", content);
        await(session.mkdir("/dir"));

        await(session.rename("/old.bin", "/dir/new.bin"));

        assertFails(NotFoundException.class, () -> session.stat("/old.bin", true));
        assertArrayEquals(content, readFile("/dir/new.bin"));
    }

    @Test
    public void renameMovesDirectoryWithItsContent() throws Exception {
        await(session.mkdir("/src"));
        writeFile("/src/inner", new byte[] {7});

        await(session.rename("/src", "/dst"));

        assertFails(NotFoundException.class, () -> session.stat("/src", true));
        assertTrue(await(session.stat("/dst", true)).isDirectory());
        assertArrayEquals(new byte[] {7}, readFile("/dst/inner"));
    }

    @Test
    public void renameOntoExistingFileReplacesIt() throws Exception {
        writeFile("/a", new byte[] {1});
        writeFile("/b", new byte[] {2, 2});

        await(session.rename("/a", "/b"));

        assertFails(NotFoundException.class, () -> session.stat("/a", true));
        assertArrayEquals(new byte[] {1}, readFile("/b"));
    }

    @Test
    public void renameOfMissingSourceFailsWithNotFound() {
        assertFails(NotFoundException.class, () -> session.rename("/missing", "/other"));
    }

    @Test
    public void setTimesIsReflectedInStatWhereSupported() throws Exception {
        writeFile("/file", new byte[] {1});
        Instant modified = Instant.parse("2001-02-03T04:05:06Z");

        if (capabilities().modificationTimes()) {
            await(session.setTimes("/file", modified));
            assertEquals(modified, await(session.stat("/file", true)).modified());
        } else {
            assertFails(NotSupportedException.class, () -> session.setTimes("/file", modified));
        }
    }

    @Test
    public void setTimesOfMissingPathFailsWithNotFound() {
        Instant modified = Instant.parse("2001-02-03T04:05:06Z");
        if (capabilities().modificationTimes()) {
            assertFails(NotFoundException.class, () -> session.setTimes("/missing", modified));
        } else {
            assertFails(NotSupportedException.class, () -> session.setTimes("/missing", modified));
        }
    }

    @Test
    public void chmodIsReflectedInStatWhereSupported() throws Exception {
        writeFile("/file", new byte[] {1});
        await(session.mkdir("/dir"));

        if (capabilities().permissions()) {
            await(session.chmod("/file", 0640));
            await(session.chmod("/dir", 0750));
            assertEquals(0640, await(session.stat("/file", true)).mode() & 07777);
            assertEquals(0750, await(session.stat("/dir", true)).mode() & 07777);
        } else {
            assertFails(NotSupportedException.class, () -> session.chmod("/file", 0640));
        }
    }

    @Test
    public void symlinkPointsAtItsTargetWhereSupported() throws Exception {
        byte[] content = randomBytes(300, 3);
        writeFile("/target.bin", content);

        if (!capabilities().symlinks()) {
            assertFails(NotSupportedException.class, () -> session.symlink("/target.bin", "/link"));
            assertFails(NotFoundException.class, () -> session.stat("/link", false));
            return;
        }
        await(session.symlink("/target.bin", "/link"));

        FileInfo link = await(session.stat("/link", false));
        assertEquals(FileType.SYMLINK, link.type());
        assertTrue(link.linkTarget().isPresent(), "a link must report its target");
        FileInfo followed = await(session.stat("/link", true));
        assertEquals(FileType.FILE, followed.type());
        assertEquals(content.length, followed.size());
        assertArrayEquals(content, readFile("/link"));
        assertEquals("/target.bin", await(session.realPath("/link")));
    }

    @Test
    public void realPathOfPlainPathIsThePathItself() throws Exception {
        await(session.mkdir("/dir"));
        writeFile("/dir/file", new byte[] {1});

        assertEquals("/dir/file", await(session.realPath("/dir/file")));
        assertEquals("/", await(session.realPath("/")));
        assertFalse(await(session.realPath("/dir")).endsWith("/"));
    }
}
