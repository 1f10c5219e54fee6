package org.gantry.security.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One user line of the password file: {@code NAME:HASH:ROOT:FLAGS}.
 *
 * <ul>
 * <li>NAME: the login name; no {@code :}, no white space, not starting with {@code #}.</li>
 * <li>HASH: a {@link PasswordHasher} value ({@code pbkdf2-sha256$...}); plain text is refused.</li>
 * <li>ROOT: absolute path inside the server namespace the user is confined to. It is everything
 * between the second and the last {@code :}, so it may itself contain {@code :}.</li>
 * <li>FLAGS: comma-separated, possibly empty; {@code readonly} is the only flag. An unknown
 * flag rejects the line rather than silently granting more than intended.</li>
 * </ul>
 *
 * Plain JDK only: used by the OSGi component and by the command-line {@link PasswordTool}.
 */
public record PasswordEntry(String name, String hash, String root, boolean readOnly) {

    /** The flag that makes an account read-only. */
    public static final String READONLY = "readonly";

    public PasswordEntry {
        checkName(name);
        PasswordHasher.validate(hash);
        root = normalizeRoot(root);
    }

    /**
     * Parses a non-comment line.
     *
     * @throws IllegalArgumentException with the reason if the line is not acceptable
     */
    public static PasswordEntry parse(String line) {
        String text = line.strip();
        int first = text.indexOf(':');
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        int last = text.lastIndexOf(':');
        if (first < 0 || second < 0 || last <= second) {
            throw new IllegalArgumentException("expected NAME:HASH:ROOT:FLAGS");
        }
        String name = text.substring(0, first).strip();
        String hash = text.substring(first + 1, second).strip();
        String root = text.substring(second + 1, last).strip();
        return new PasswordEntry(name, hash, root, parseFlags(text.substring(last + 1)));
    }

    /** Whether a file line carries no entry (blank or a {@code #} comment). */
    public static boolean isIgnorable(String line) {
        String text = line.strip();
        return text.isEmpty() || text.startsWith("#");
    }

    /** The line as written to the file. */
    public String format() {
        return name + ":" + hash + ":" + root + ":" + (readOnly ? READONLY : "");
    }

    /** The name a file line starts with, or null for comments and blank lines. */
    static String nameOf(String line) {
        if (isIgnorable(line)) {
            return null;
        }
        String text = line.strip();
        int colon = text.indexOf(':');
        return (colon < 0 ? text : text.substring(0, colon)).strip();
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("#") || name.indexOf(':') >= 0
                || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("user name must be non-empty, without ':' or white space,"
                    + " and not start with '#'");
        }
    }

    private static String normalizeRoot(String root) {
        if (root == null || !root.startsWith("/") || root.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("root must be an absolute path: " + root);
        }
        if (("/" + root + "/").contains("/../")) {
            throw new IllegalArgumentException("root must not contain '..': " + root);
        }
        String trimmed = root;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static boolean parseFlags(String flags) {
        boolean readOnly = false;
        List<String> unknown = new ArrayList<>();
        for (String flag : flags.split(",")) {
            String f = flag.strip();
            if (f.isEmpty()) {
                continue;
            }
            if (READONLY.equalsIgnoreCase(f)) {
                readOnly = true;
            } else {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown flag(s) " + unknown);
        }
        return readOnly;
    }
}
