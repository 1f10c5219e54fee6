package org.gantry.security.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks USER/PASS logins against the configured user database and the anonymous policy.
 * Implementations are slow on purpose for wrong passwords (salted, iterated hashes).
 */
@ProviderType
public interface Authenticator {

    /**
     * @return the account if the name and password are valid (or the name is an anonymous name
     *         and anonymous access is enabled), empty otherwise
     */
    Optional<UserAccount> authenticate(String user, char[] password);

    /** Whether anonymous logins ({@code anonymous}, {@code ftp}) are accepted at all. */
    boolean anonymousEnabled();
}
