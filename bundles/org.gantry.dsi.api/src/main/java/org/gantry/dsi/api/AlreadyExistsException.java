package org.gantry.dsi.api;

/** The path exists already (MKD of an existing directory, RNTO onto an entry that must not be replaced). */
public class AlreadyExistsException extends DsiException {

    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message) {
        super(message);
    }

    public AlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
