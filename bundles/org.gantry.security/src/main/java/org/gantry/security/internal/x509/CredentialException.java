package org.gantry.security.internal.x509;

/**
 * A credential or trust file that cannot be used: unreadable, malformed, encrypted, too open, or
 * a key that does not belong to its certificate. The message names the file and what to fix.
 */
public class CredentialException extends Exception {

    private static final long serialVersionUID = 1L;

    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
