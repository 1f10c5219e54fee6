package org.gantry.core.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import org.gantry.security.api.Authenticator;
import org.gantry.security.api.UserAccount;

/** Fixed users: alice (everything), reader (read-only), jailed (root /users/jailed). */
final class TestAuthenticator implements Authenticator {

    private static final Map<String, UserAccount> USERS = Map.of(
            "alice", new UserAccount("alice", "/", "/", false, false),
            "reader", new UserAccount("reader", "/", "/", true, false),
            "jailed", new UserAccount("jailed", "/users/jailed", "/", false, false));

    @Override
    public Optional<UserAccount> authenticate(String user, char[] password) {
        if (!"secret".equals(new String(password))) {
            return Optional.empty();
        }
        return Optional.ofNullable(USERS.get(user));
    }

    @Override
    public boolean anonymousEnabled() {
        return false;
    }

    /** {@value #CLEAR_REFUSED} stands for a user whose password the policy keeps off clear connections. */
    @Override
    public boolean allowsPlainPassword(String user, InetAddress client) {
        return !CLEAR_REFUSED.equals(user);
    }

    static final String CLEAR_REFUSED = "remote";
}
