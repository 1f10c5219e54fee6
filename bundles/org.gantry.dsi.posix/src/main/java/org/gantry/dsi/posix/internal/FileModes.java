package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Permission bits on the host file system, through the richest view the JDK offers. */
final class FileModes {

    private static final Set<String> VIEWS = FileSystems.getDefault().supportedFileAttributeViews();
    private static final boolean UNIX = VIEWS.contains("unix");
    private static final boolean POSIX = VIEWS.contains("posix");

    private FileModes() {
    }

    /** Parses an octal mode such as {@code 0644}. */
    static int parse(String octal) {
        int mode = Integer.parseInt(octal.trim(), 8);
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("not a permission mode: " + octal);
        }
        return mode;
    }

    /** Sets the permission bits; the "unix" view also keeps the sticky bit, the "posix" view cannot. */
    static void apply(Path path, int mode) throws IOException {
        if (UNIX) {
            Files.setAttribute(path, "unix:mode", mode);
        } else if (POSIX) {
            Files.setPosixFilePermissions(path, permissions(mode));
        }
    }

    /** The permission bits of an existing file, or {@code fallback} where there are none. */
    static int read(Path path, int fallback) throws IOException {
        if (UNIX) {
            return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
        }
        return fallback;
    }

    /** Creation attributes that keep a file private to the server user (uploads in progress). */
    static FileAttribute<?>[] ownerOnly() {
        if (!POSIX) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(0600))};
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            // OWNER_READ..OTHERS_EXECUTE are bit 8 down to bit 0.
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
