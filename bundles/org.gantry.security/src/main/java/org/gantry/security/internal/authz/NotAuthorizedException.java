package org.gantry.security.internal.authz;

/**
 * An authenticated GSI client that may not log in (as the account it asked for). The message
 * names the DN and the reason; it ends up in the 530 reply.
 */
public class NotAuthorizedException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedException(String message) {
        super(message);
    }
}
