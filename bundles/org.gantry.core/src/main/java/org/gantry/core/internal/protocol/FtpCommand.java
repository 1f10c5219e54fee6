package org.gantry.core.internal.protocol;

import java.util.Locale;

/**
 * One command line from the client: the verb in upper case, the argument (everything after the
 * first space, kept as sent so paths with spaces survive) and the line itself. A line that could
 * not be accepted at all (too long, not UTF-8) carries its rejection instead, so that the answer
 * still goes out in order with the replies to the commands around it.
 */
public record FtpCommand(String verb, String argument, String line, Reply rejection) {

    public static FtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return new FtpCommand(verb, argument, line, null);
    }

    public static FtpCommand rejected(Reply reply, String description) {
        return new FtpCommand("", "", description, reply);
    }

    public boolean isRejected() {
        return rejection != null;
    }

    public boolean hasArgument() {
        return !argument.isBlank();
    }

    /** The line as it may appear in logs: passwords masked. */
    public String loggable() {
        return verb.equals("PASS") ? "PASS ****" : line;
    }

    @Override
    public String toString() {
        return loggable();
    }
}
