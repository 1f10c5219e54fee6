package org.gantry.dsi.api;

/** A transient condition: the back-end cannot serve this now but may later. */
public class BusyException extends DsiException {

    private static final long serialVersionUID = 1L;

    public BusyException(String message) {
        super(message);
    }

    public BusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
