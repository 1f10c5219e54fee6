package org.gantry.core.internal.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * One FTP reply: a three-digit code and one or more lines of text.
 *
 * <p>A single line goes out as {@code NNN text}. A multi-line reply goes out as {@code NNN-first},
 * the body lines exactly as given (by convention they start with a space, as GCT's FEAT, MLST and
 * STAT replies do), and {@code NNN last}.
 *
 * @param code       the reply code
 * @param lines      the first line, the body lines and the last line (at least one)
 * @param closeAfter close the control connection once the reply is written (QUIT, 421)
 */
public record Reply(int code, List<String> lines, boolean closeAfter) {

    public Reply {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("bad reply code " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs text");
        }
    }

    public static Reply of(int code, String text) {
        return new Reply(code, List.of(text), false);
    }

    public static Reply multi(int code, String first, List<String> body, String last) {
        List<String> all = new ArrayList<>(body.size() + 2);
        all.add(first);
        all.addAll(body);
        all.add(last);
        return new Reply(code, all, false);
    }

    /** The same reply, closing the control connection after it is written. */
    public Reply thenClose() {
        return new Reply(code, lines, true);
    }

    /** The first line's text. */
    public String text() {
        return lines.get(0);
    }

    /** The lines as they go on the wire, without line ends. */
    public List<String> wireLines() {
        if (lines.size() == 1) {
            return List.of(code + " " + lines.get(0));
        }
        List<String> out = new ArrayList<>(lines.size());
        out.add(code + "-" + lines.get(0));
        out.addAll(lines.subList(1, lines.size() - 1));
        out.add(code + " " + lines.get(lines.size() - 1));
        return out;
    }

    @Override
    public String toString() {
        return String.join("\\r\\n", wireLines());
    }
}
