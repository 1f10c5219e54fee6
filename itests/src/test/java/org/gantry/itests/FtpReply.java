package org.gantry.itests;

import java.util.List;

/** One FTP reply: its code and every line as received (a multi-line reply has several). */
public record FtpReply(int code, List<String> lines) {

    /** 1xx: the command was accepted and another reply follows. */
    public boolean isPreliminary() {
        return code >= 100 && code < 200;
    }

    /** 4xx or 5xx. */
    public boolean isFailure() {
        return code >= 400 && code < 600;
    }

    @Override
    public String toString() {
        return String.join(" | ", lines);
    }
}
