package org.gantry.security.internal;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a password may travel in clear (USER/PASS without AUTH TLS or GSI): the
 * {@code plainPasswordLogins} setting.
 */
enum PlainPasswordPolicy {
    /** Only from clients on this host, where the password never crosses a network. */
    LOOPBACK,
    ALWAYS,
    NEVER;

    /** The policy a setting names, if it names one. */
    static Optional<PlainPasswordPolicy> parse(String setting) {
        try {
            return Optional.of(valueOf(setting.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    boolean allows(InetAddress client) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case LOOPBACK -> client != null && client.isLoopbackAddress();
        };
    }
}
