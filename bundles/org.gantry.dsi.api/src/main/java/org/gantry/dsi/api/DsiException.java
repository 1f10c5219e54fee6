package org.gantry.dsi.api;

import java.util.Optional;

/**
 * Base of every failure a back-end reports. The core maps each subtype to one FTP reply code in
 * one place; a back-end that knows better may carry its own code and text.
 */
public class DsiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    public DsiException(String message) {
        this(message, null);
    }

    public DsiException(String message, Throwable cause) {
        this(message, cause, 0);
    }

    /**
     * @param replyCode an explicit FTP reply code, or 0 to let the core choose by type
     */
    public DsiException(String message, Throwable cause, int replyCode) {
        super(message, cause);
        this.replyCode = replyCode;
    }

    /** The reply code the back-end asks for, if any. */
    public Optional<Integer> replyCode() {
        return replyCode == 0 ? Optional.empty() : Optional.of(replyCode);
    }
}
