package org.gantry.dsi.api;

/** The back-end does not implement this operation. */
public class NotSupportedException extends DsiException {

    private static final long serialVersionUID = 1L;

    public NotSupportedException(String message) {
        super(message);
    }

    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
