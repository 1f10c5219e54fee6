package org.gantry.core.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumRequestTest {

    @Test
    void parsesTheFourArgumentsAndUpperCasesTheAlgorithm() {
        ChecksumRequest r = ChecksumRequest.parse("adler32 0 -1 /srv/a/file1M");
        assertEquals(new ChecksumRequest("ADLER32", 0, -1, "/srv/a/file1M"), r);
    }

    @Test
    void thePathIsTheRestOfTheLineSpacesIncluded() {
        ChecksumRequest r = ChecksumRequest.parse("MD5 1000 70000 dir with spaces/a  b.txt");
        assertEquals(1000, r.offset());
        assertEquals(70000, r.length());
        assertEquals("dir with spaces/a  b.txt", r.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MD5", "MD5 0", "MD5 0 -1", "MD5 0 -1 ", "MD5 0 -1  ", "MD5 -1 -1 f", "MD5 0 -2 f",
        "MD5 x 10 f", "MD5 0 ten f", "MD5 +1 10 f", "MD5 0 -0 f", "MD5 99999999999999999999 -1 f",
        "MD5 0 99999999999999999999 f"})
    void malformedArgumentsAre501(String argument) {
        FtpReplyException e = assertThrows(FtpReplyException.class, () -> ChecksumRequest.parse(argument));
        assertEquals(501, e.reply().code(), "CKSM " + argument);
    }

    @Test
    void rangesMustLieWithinTheFile() {
        assertTrue(ChecksumRequest.parse("MD5 0 -1 f").fitsIn(0), "whole empty file");
        assertTrue(ChecksumRequest.parse("MD5 100 -1 f").fitsIn(100), "empty range at the end");
        assertTrue(ChecksumRequest.parse("MD5 10 90 f").fitsIn(100), "range ending at the end");
        assertTrue(ChecksumRequest.parse("MD5 100 0 f").fitsIn(100), "zero bytes at the end");
        assertFalse(ChecksumRequest.parse("MD5 101 -1 f").fitsIn(100), "offset past the end");
        assertFalse(ChecksumRequest.parse("MD5 10 91 f").fitsIn(100), "length past the end");
        assertFalse(ChecksumRequest.parse("MD5 1 " + Long.MAX_VALUE + " f").fitsIn(100), "no overflow");
    }
}
