package org.gantry.dsi.api;

/** The file is on tape (or otherwise nearline) and must be staged before it can be read. */
public class NearlineException extends DsiException {

    private static final long serialVersionUID = 1L;

    public NearlineException(String message) {
        super(message);
    }

    public NearlineException(String message, Throwable cause) {
        super(message, cause);
    }
}
