package org.gantry.dsi.api;

/** The path does not exist. */
public class NotFoundException extends DsiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
