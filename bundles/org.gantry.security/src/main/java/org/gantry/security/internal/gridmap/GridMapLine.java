package org.gantry.security.internal.gridmap;

import java.util.ArrayList;
import java.util.List;

/**
 * One grid-mapfile line: a DN and the local accounts it may use, the first being the default.
 *
 * <pre>
 * # comment
 * "/DC=org/DC=example/CN=Jane Doe" jane
 * "/DC=org/DC=example/CN=Joe \"Jo\" Bloggs" joe,shared
 * /O=NoSpaces/CN=x xuser
 * </pre>
 *
 * The DN is double-quoted (a backslash escapes the next character, so {@code \"} is a quote and
 * {@code \\} a backslash) or, without spaces, bare. The accounts follow, separated by commas
 * (spaces around them are ignored).
 */
public record GridMapLine(String dn, List<String> accounts) {

    public GridMapLine {
        accounts = List.copyOf(accounts);
    }

    /** Blank lines and {@code #} comments. */
    public static boolean isIgnorable(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }

    /** @throws IllegalArgumentException with the reason the line is unusable */
    public static GridMapLine parse(String line) {
        String text = line.strip();
        StringBuilder dn = new StringBuilder();
        int i;
        if (text.startsWith("\"")) {
            i = 1;
            boolean closed = false;
            while (i < text.length()) {
                char c = text.charAt(i++);
                if (c == '\\' && i < text.length()) {
                    dn.append(text.charAt(i++));
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    dn.append(c);
                }
            }
            if (!closed) {
                throw new IllegalArgumentException("the DN's closing quote is missing");
            }
        } else {
            i = 0;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                dn.append(text.charAt(i++));
            }
        }
        if (dn.length() == 0) {
            throw new IllegalArgumentException("empty DN");
        }
        List<String> accounts = new ArrayList<>();
        for (String account : text.substring(i).split(",")) {
            if (!account.isBlank()) {
                String name = account.strip();
                if (name.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("account '" + name + "' contains white space");
                }
                accounts.add(name);
            }
        }
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("no account for " + dn);
        }
        return new GridMapLine(dn.toString(), accounts);
    }
}
