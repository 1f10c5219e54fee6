package org.gantry.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

class DsiErrorMapperTest {

    private static int code(DsiException e) {
        return DsiErrorMapper.toReply(e, "/p").code();
    }

    @Test
    void eachSubtypeHasItsCode() {
        assertEquals(550, code(new NotFoundException("x")));
        assertEquals(550, code(new PermissionDeniedException("x")));
        assertEquals(550, code(new InvalidPathException("x")));
        assertEquals(550, code(new NotDirectoryException("x")));
        assertEquals(550, code(new IsDirectoryException("x")));
        assertEquals(550, code(new ChecksumMismatchException("x")));
        assertEquals(550, code(new DirectoryNotEmptyException("x")));
        assertEquals(553, code(new AlreadyExistsException("x")));
        assertEquals(452, code(new NoSpaceException("x")));
        assertEquals(451, code(new BusyException("x")));
        assertEquals(451, code(new NearlineException("x")));
        assertEquals(451, code(new StorageUnavailableException("x")));
        assertEquals(502, code(new NotSupportedException("x")));
        assertEquals(451, code(new DsiException("x")));
    }

    @Test
    void textsNameTheClientPathNotTheBackEndMessage() {
        assertEquals("/p: No such file or directory.",
                DsiErrorMapper.toReply(new NotFoundException("/srv/secret/p"), "/p").text());
        assertEquals("Storage unavailable: tape",
                DsiErrorMapper.toReply(new StorageUnavailableException("tape"), "/p").text());
    }

    @Test
    void anExplicitCodeWins() {
        Reply explicit = DsiErrorMapper.toReply(new DsiException("Quota exceeded", null, 451), "/p");
        assertEquals(451, explicit.code());
        assertEquals("Quota exceeded", explicit.text());
    }

    @Test
    void refusedAllocationIs552() {
        assertEquals(552, DsiErrorMapper.forAllocation(new NoSpaceException("x"), "/p").code());
        assertEquals(550, DsiErrorMapper.forAllocation(new NotFoundException("x"), "/p").code());
    }

    @Test
    void unexpectedFailuresAre451() {
        assertEquals(Replies.INTERNAL_ERROR, FailureMapper.toReply(new IllegalStateException("bug"), "NOOP"));
        assertEquals(426, FailureMapper.toReply(new java.util.concurrent.CompletionException(
                new FtpReplyException(Replies.TRANSFER_ABORTED_REPLY)), "RETR x").code());
    }
}
