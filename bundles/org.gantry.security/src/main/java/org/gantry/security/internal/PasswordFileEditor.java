package org.gantry.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds or replaces a user's line in a password file. The new content is written to a temporary
 * file (owner read/write only) and moved over the old one, so the server never reads a half
 * written file and the hashes are never world-readable. Comments and other users' lines are kept.
 *
 * <p>Plain JDK only (used by {@link PasswordTool}). Two editors running at once on the same file
 * may lose one of the changes; the launcher runs one at a time.
 */
final class PasswordFileEditor {

    private static final List<String> HEADER = List.of(
            "# Gantry users, one per line: NAME:HASH:ROOT:FLAGS",
            "#   HASH  pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash> (PasswordTool hash)",
            "#   ROOT  absolute path in the server namespace the user is confined to",
            "#   FLAGS comma list, empty or 'readonly'");

    private PasswordFileEditor() {
    }

    /**
     * Writes {@code entry} into {@code file}, replacing any line for the same user.
     *
     * @return true if an existing user was replaced, false if the user was added
     */
    static boolean put(Path file, PasswordEntry entry) throws IOException {
        List<String> lines = Files.exists(file)
                ? Files.readAllLines(file, StandardCharsets.UTF_8)
                : new ArrayList<>(HEADER);
        List<String> updated = new ArrayList<>(lines.size() + 1);
        boolean replaced = false;
        for (String line : lines) {
            if (entry.name().equals(PasswordEntry.nameOf(line))) {
                if (!replaced) {
                    updated.add(entry.format());
                    replaced = true;
                }
                // later duplicates are dropped: only the first line ever counted
            } else {
                updated.add(line);
            }
        }
        if (!replaced) {
            updated.add(entry.format());
        }
        writeAtomically(file, updated);
        return replaced;
    }

    private static void writeAtomically(Path file, List<String> lines) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp", ownerOnly());
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
        }
        return new FileAttribute<?>[0];
    }
}
