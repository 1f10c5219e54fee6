package org.gantry.security.internal.x509;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses a private key file that group or others may access, as the Globus server does: a key
 * that others can read is no longer a secret, and starting with it would hide the mistake.
 * On file systems without POSIX permissions there is nothing to check.
 */
public final class KeyFilePermissions {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFilePermissions() {
    }

    public static void requireOwnerOnly(Path keyFile) throws CredentialException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(keyFile);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new CredentialException("cannot read the permissions of key file " + keyFile + ": " + e, e);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new CredentialException("key file " + keyFile + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only"
                    + " (chmod 600 or 400)");
        }
    }
}
