package org.gantry.security.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gantry.security.api.UserAccount;

/**
 * Who counts as anonymous and what they get. The names are reserved: with anonymous access off
 * they cannot log in at all, even if the password file has a line for them, so turning anonymous
 * off never silently turns a guest name into a password account.
 */
record AnonymousPolicy(boolean enabled, boolean readOnly, String root, Set<String> names) {

    /** The account name every anonymous login gets, whatever name was typed. */
    static final String ACCOUNT_NAME = "anonymous";

    AnonymousPolicy {
        names = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static AnonymousPolicy of(boolean enabled, boolean readOnly, String root, String[] names) {
        return new AnonymousPolicy(enabled, readOnly, root == null ? "" : root.strip(),
                Stream.of(names == null ? new String[0] : names).collect(Collectors.toSet()));
    }

    /** Whether {@code user} is one of the anonymous names (case-insensitive). */
    boolean isAnonymousName(String user) {
        return user != null && names.contains(user.strip().toLowerCase(Locale.ROOT));
    }

    /** The anonymous account, if anonymous access is enabled. */
    Optional<UserAccount> account() {
        return enabled ? Optional.of(new UserAccount(ACCOUNT_NAME, root, "/", readOnly, true)) : Optional.empty();
    }

    @Override
    public String toString() {
        return enabled ? "anonymous on (names " + names + ", root " + root + (readOnly ? ", read-only)" : ")")
                : "anonymous off";
    }
}
