package org.gantry.dsi.api;

/** Data did not match the checksum it was expected to have. */
public class ChecksumMismatchException extends DsiException {

    private static final long serialVersionUID = 1L;

    public ChecksumMismatchException(String message) {
        super(message);
    }

    public ChecksumMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
