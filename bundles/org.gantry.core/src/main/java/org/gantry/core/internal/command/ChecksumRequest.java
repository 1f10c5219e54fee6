package org.gantry.core.internal.command;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

/**
 * The arguments of {@code CKSM <alg> <offset> <length> <path>}, checked for syntax only (whether
 * the algorithm is supported and the range lies in the file is for the command to decide).
 *
 * @param algorithm the algorithm token in upper case (clients send it in any case)
 * @param offset    first byte, at least 0
 * @param length    number of bytes, or -1 for "to the end of the file"
 * @param path      the client path: the rest of the line, so that it may contain spaces
 */
record ChecksumRequest(String algorithm, long offset, long length, String path) {

    /** Length -1 is the one negative value the grammar allows; "+1" and "-0" are not numbers here. */
    private static final Pattern SYNTAX = Pattern.compile("(\\S+) +(\\d+) +(-1|\\d+) (.+)", Pattern.DOTALL);

    static final long TO_END = -1;

    /**
     * @throws FtpReplyException 501 for a missing argument, a malformed or negative offset, a
     *                           length other than -1 or a non-negative number, or a missing path
     */
    static ChecksumRequest parse(String argument) {
        Matcher m = SYNTAX.matcher(argument);
        if (!m.matches() || m.group(4).isBlank()) {
            throw new FtpReplyException(Replies.SYNTAX_ERROR_ARGS);
        }
        try {
            return new ChecksumRequest(m.group(1).toUpperCase(Locale.ROOT), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), m.group(4));
        } catch (NumberFormatException tooLarge) {
            throw new FtpReplyException(Replies.SYNTAX_ERROR_ARGS);
        }
    }

    /** Whether {@code [offset, offset+length)} lies within a file of {@code size} bytes. */
    boolean fitsIn(long size) {
        if (offset > size) {
            return false;
        }
        return length == TO_END || length <= size - offset;
    }
}
