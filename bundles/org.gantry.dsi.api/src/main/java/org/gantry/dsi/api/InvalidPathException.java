package org.gantry.dsi.api;

/** The path is malformed or would leave the back-end's root (e.g. through a symbolic link). */
public class InvalidPathException extends DsiException {

    private static final long serialVersionUID = 1L;

    public InvalidPathException(String message) {
        super(message);
    }

    public InvalidPathException(String message, Throwable cause) {
        super(message, cause);
    }
}
