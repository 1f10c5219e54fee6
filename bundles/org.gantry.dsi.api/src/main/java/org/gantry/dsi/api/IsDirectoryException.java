package org.gantry.dsi.api;

/** A file was expected but the path is a directory. */
public class IsDirectoryException extends DsiException {

    private static final long serialVersionUID = 1L;

    public IsDirectoryException(String message) {
        super(message);
    }

    public IsDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
