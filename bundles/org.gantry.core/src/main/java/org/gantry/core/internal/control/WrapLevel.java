package org.gantry.core.internal.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.gantry.core.internal.protocol.Replies;

/** The RFC 2228 wrapping verbs, their reply codes, and the command lines inside a token. */
final class WrapLevel {

    private WrapLevel() {
    }

    /** 631 for MIC, 632 for ENC, 633 for CONF (RFC 2228, not dCache's swapped pair); 0 for others. */
    static int replyCodeFor(String verb) {
        return switch (verb) {
            case "MIC" -> Replies.WRAPPED_MIC;
            case "ENC" -> Replies.WRAPPED_ENC;
            case "CONF" -> Replies.WRAPPED_CONF;
            default -> 0;
        };
    }

    /**
     * The command lines in an unwrapped token: normally one, ending in CRLF. Trailing NULs, which
     * some C clients add, are dropped; so are empty lines.
     */
    static List<String> commandLines(byte[] plain) {
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(plain, 0, end, StandardCharsets.UTF_8).split("\n")) {
            String command = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!command.isEmpty()) {
                lines.add(command);
            }
        }
        return lines;
    }
}
