package org.gantry.dsi.api;

/** The back-end is full, or an upload would exceed its space or the announced ALLO size. */
public class NoSpaceException extends DsiException {

    private static final long serialVersionUID = 1L;

    public NoSpaceException(String message) {
        super(message);
    }

    public NoSpaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
