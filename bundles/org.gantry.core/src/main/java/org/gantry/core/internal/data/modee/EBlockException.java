package org.gantry.core.internal.data.modee;

/** A MODE E protocol violation by the peer; the transfer fails with a 451 naming it. */
public final class EBlockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EBlockException(String message) {
        super(message);
    }
}
