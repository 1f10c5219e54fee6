package org.gantry.dsi.api;

/** The user may not do this to this path. */
public class PermissionDeniedException extends DsiException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(String message) {
        super(message);
    }

    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
