package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;

/**
 * The one place where file-system failures become typed DSI failures. Messages name the DSI path
 * only: the host path (which reveals the root) stays in the cause, for logs.
 */
final class IoErrors {

    private IoErrors() {
    }

    static DsiException toDsi(Throwable failure, String dsiPath) {
        if (failure instanceof DsiException dsiException) {
            return dsiException;
        }
        String where = dsiPath == null ? "" : dsiPath + ": ";
        if (failure instanceof java.nio.file.InvalidPathException) {
            return new InvalidPathException(where + "not a valid path", failure);
        }
        if (failure instanceof IOException io) {
            return fromIo(io, where);
        }
        return new DsiException(where + "internal error: " + failure, failure);
    }

    private static DsiException fromIo(IOException failure, String where) {
        if (failure instanceof NoSuchFileException) {
            return new NotFoundException(where + "no such file or directory", failure);
        }
        if (failure instanceof FileAlreadyExistsException) {
            return new AlreadyExistsException(where + "already exists", failure);
        }
        if (failure instanceof java.nio.file.DirectoryNotEmptyException) {
            return new DirectoryNotEmptyException(where + "directory not empty", failure);
        }
        if (failure instanceof AccessDeniedException) {
            return new PermissionDeniedException(where + "permission denied", failure);
        }
        if (failure instanceof java.nio.file.NotDirectoryException) {
            return new NotDirectoryException(where + "not a directory", failure);
        }
        if (failure instanceof NotLinkException) {
            return new InvalidPathException(where + "not a symbolic link", failure);
        }
        if (failure instanceof ClosedChannelException) {
            return new DsiException(where + "the file was closed (transfer aborted)", failure);
        }
        // Other errno values arrive as FileSystemException/IOException carrying strerror text.
        String reason = failure instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason() : String.valueOf(failure.getMessage());
        return fromReason(reason, failure, where);
    }

    private static DsiException fromReason(String reason, IOException failure, String where) {
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")
                || reason.contains("File too large")) {
            return new NoSpaceException(where + "no space left", failure);
        }
        if (reason.contains("Directory not empty")) {
            return new DirectoryNotEmptyException(where + "directory not empty", failure);
        }
        if (reason.contains("Is a directory")) {
            return new IsDirectoryException(where + "is a directory", failure);
        }
        if (reason.contains("Not a directory")) {
            return new NotDirectoryException(where + "not a directory", failure);
        }
        if (reason.contains("Operation not permitted") || reason.contains("Read-only file system")) {
            return new PermissionDeniedException(where + "operation not permitted", failure);
        }
        if (reason.contains("Too many levels of symbolic links") || reason.contains("File name too long")
                || reason.contains("Invalid argument")) {
            return new InvalidPathException(where + "invalid path (" + reason + ")", failure);
        }
        return new DsiException(where + "I/O error: " + reason, failure);
    }
}
