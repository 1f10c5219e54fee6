package org.gantry.security.api;

import java.net.InetAddress;
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

    /**
     * Whether {@code user} may send a password in clear, on a control connection without TLS or
     * GSI, from {@code client}. Anonymous names are always allowed (their password is no secret).
     * The default (for test doubles) allows everything; the configured policy decides otherwise.
     */
    default boolean allowsPlainPassword(String user, InetAddress client) {
        return true;
    }
}
