package org.gantry.core.internal.protocol;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.BusyException;
import org.gantry.dsi.api.ChecksumMismatchException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NearlineException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * The one place that turns a back-end failure into an FTP reply. The back-end's own message is
 * not sent to the client (it may name local paths); only the client's path is.
 */
public final class DsiErrorMapper {

    private DsiErrorMapper() {
    }

    /**
     * @param path the path as the client sees it, or null when the failure concerns no path
     */
    public static Reply toReply(DsiException e, String path) {
        if (e.replyCode().isPresent()) {
            return Reply.of(e.replyCode().get(), oneLine(e.getMessage()));
        }
        String subject = path == null ? "" : path + ": ";
        if (e instanceof NotFoundException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "No such file or directory.");
        }
        if (e instanceof PermissionDeniedException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Permission denied.");
        }
        if (e instanceof InvalidPathException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Invalid path.");
        }
        if (e instanceof NotDirectoryException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Not a directory.");
        }
        if (e instanceof IsDirectoryException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Is a directory.");
        }
        if (e instanceof ChecksumMismatchException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Checksum mismatch.");
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Reply.of(Replies.FILE_UNAVAILABLE, subject + "Directory not empty.");
        }
        if (e instanceof AlreadyExistsException) {
            return Reply.of(Replies.NAME_NOT_ALLOWED, subject + "File exists.");
        }
        if (e instanceof NoSpaceException) {
            return Reply.of(Replies.INSUFFICIENT_STORAGE, "Insufficient storage space.");
        }
        if (e instanceof BusyException) {
            return Reply.of(Replies.LOCAL_ERROR, "Storage busy, try again later.");
        }
        if (e instanceof NearlineException) {
            return Reply.of(Replies.LOCAL_ERROR, subject + "File is nearline; stage it first.");
        }
        if (e instanceof StorageUnavailableException) {
            return Replies.storageUnavailable(oneLine(e.getMessage()));
        }
        if (e instanceof NotSupportedException) {
            return Reply.of(Replies.NOT_IMPLEMENTED, "Not supported by this storage.");
        }
        return Reply.of(Replies.LOCAL_ERROR, subject + "Storage error.");
    }

    /**
     * For a refused upload announcement: when the back-end refuses the ALLO size up front it is
     * {@code 552} ("exceeded storage allocation"), not the {@code 452} of a write that ran out.
     */
    public static Reply forAllocation(DsiException e, String path) {
        if (e instanceof NoSpaceException && e.replyCode().isEmpty()) {
            return Reply.of(Replies.EXCEEDED_STORAGE, "Requested file size exceeds available space.");
        }
        return toReply(e, path);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }
}
