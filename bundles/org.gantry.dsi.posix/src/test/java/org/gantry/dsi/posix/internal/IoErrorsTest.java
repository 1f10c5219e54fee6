package org.gantry.dsi.posix.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {

    private static final String HOST_FILE = "/exported/secret-root/dir/file";

    private static DsiException map(Throwable failure) {
        return IoErrors.toDsi(failure, "/dir/file");
    }

    @Test
    void exceptionTypesMapToTheirDsiFailures() {
        assertInstanceOf(NotFoundException.class, map(new NoSuchFileException(HOST_FILE)));
        assertInstanceOf(AlreadyExistsException.class, map(new FileAlreadyExistsException(HOST_FILE)));
        assertInstanceOf(DirectoryNotEmptyException.class,
                map(new java.nio.file.DirectoryNotEmptyException(HOST_FILE)));
        assertInstanceOf(PermissionDeniedException.class, map(new AccessDeniedException(HOST_FILE)));
        assertInstanceOf(NotDirectoryException.class, map(new java.nio.file.NotDirectoryException(HOST_FILE)));
        assertInstanceOf(InvalidPathException.class, map(new java.nio.file.InvalidPathException("a\0b", "NUL")));
    }

    @Test
    void noSpaceIsRecognisedFromWritesAndFileSystemCalls() {
        assertInstanceOf(NoSpaceException.class, map(new IOException("No space left on device")));
        assertInstanceOf(NoSpaceException.class, map(new FileSystemException(HOST_FILE, null, "Disk quota exceeded")));
    }

    @Test
    void errnoTextsMapToTheirDsiFailures() {
        assertInstanceOf(DirectoryNotEmptyException.class,
                map(new FileSystemException(HOST_FILE, "/b", "Directory not empty")));
        assertInstanceOf(IsDirectoryException.class, map(new FileSystemException(HOST_FILE, "/b", "Is a directory")));
        assertInstanceOf(NotDirectoryException.class, map(new FileSystemException(HOST_FILE, null, "Not a directory")));
        assertInstanceOf(PermissionDeniedException.class,
                map(new FileSystemException(HOST_FILE, null, "Read-only file system")));
        assertEquals(DsiException.class, map(new IOException("Input/output error")).getClass());
    }

    @Test
    void messagesNameTheDsiPathButNeverTheHostPath() {
        DsiException mapped = map(new NoSuchFileException(HOST_FILE));

        assertEquals("/dir/file: no such file or directory", mapped.getMessage());
        assertFalse(mapped.getMessage().contains("secret-root"));
    }

    @Test
    void dsiFailuresPassThroughUnchanged() {
        NotFoundException original = new NotFoundException("x");

        assertSame(original, map(original));
    }
}
