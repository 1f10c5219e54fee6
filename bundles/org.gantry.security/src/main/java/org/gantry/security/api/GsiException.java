package org.gantry.security.api;

/** A GSI failure whose message is fit for the client (a 5xx reply): what was refused and why. */
public class GsiException extends Exception {

    private static final long serialVersionUID = 1L;

    public GsiException(String message) {
        super(message);
    }

    public GsiException(String message, Throwable cause) {
        super(message, cause);
    }
}
