package org.gantry.security.internal.x509;

/**
 * A peer's certificate chain that is not accepted. The message is meant for the peer and the
 * log alike: it names the certificate (slash-form DN) and the rule it broke, never key material.
 */
public class ChainRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChainRefusedException(String message) {
        super(message);
    }

    public ChainRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
