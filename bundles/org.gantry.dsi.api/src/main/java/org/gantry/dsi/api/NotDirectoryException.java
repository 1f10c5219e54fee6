package org.gantry.dsi.api;

/** A directory was expected but the path is something else. */
public class NotDirectoryException extends DsiException {

    private static final long serialVersionUID = 1L;

    public NotDirectoryException(String message) {
        super(message);
    }

    public NotDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
