package org.gantry.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line helper for the launcher; runs outside OSGi with only this bundle's jar on the
 * class path, so it uses nothing but the JDK and the plain classes of this package.
 *
 * <pre>
 * java -cp org.gantry.security-VERSION.jar org.gantry.security.internal.PasswordTool hash
 * java -cp org.gantry.security-VERSION.jar org.gantry.security.internal.PasswordTool add FILE NAME ROOT [readonly]
 * </pre>
 *
 * Both read the password as one line from standard input, so it never shows up in a process
 * listing. {@code hash} prints the encoded hash; {@code add} adds or replaces NAME in FILE
 * (created with owner-only permissions). Exit status 0 on success, 1 on failure, 2 on bad usage.
 */
public final class PasswordTool {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: PasswordTool hash                            (password on stdin; prints the hash)",
            "       PasswordTool add FILE NAME ROOT [readonly]   (password on stdin; adds or replaces NAME)");

    /** Longest password line we accept; anything longer is a mistake (or a file piped in). */
    private static final int MAX_PASSWORD_CHARS = 1024;

    private PasswordTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        boolean hash = args.length == 1 && "hash".equals(args[0]);
        boolean add = (args.length == 4 || args.length == 5) && "add".equals(args[0])
                && (args.length == 4 || PasswordEntry.READONLY.equals(args[4]));
        if (!hash && !add) {
            err.println(USAGE);
            return 2;
        }
        char[] password = null;
        try {
            password = readLine(in);
            if (password.length == 0) {
                err.println("PasswordTool: empty password on stdin");
                return 1;
            }
            String encoded = new PasswordHasher().hash(password);
            if (hash) {
                out.println(encoded);
                return 0;
            }
            PasswordEntry entry = new PasswordEntry(args[2], encoded, args[3], args.length == 5);
            Path file = Path.of(args[1]);
            boolean replaced = PasswordFileEditor.put(file, entry);
            out.println((replaced ? "replaced user " : "added user ") + entry.name() + " in " + file);
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("PasswordTool: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Reads up to the first line end without ever making a String of the password. */
    private static char[] readLine(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[MAX_PASSWORD_CHARS];
        int length = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (length == buffer.length) {
                Arrays.fill(buffer, '\0');
                throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_CHARS + " characters");
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return password;
    }
}
