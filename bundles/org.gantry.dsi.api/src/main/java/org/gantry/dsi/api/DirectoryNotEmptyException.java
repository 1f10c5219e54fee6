package org.gantry.dsi.api;

/** RMD of a directory that still has entries. */
public class DirectoryNotEmptyException extends DsiException {

    private static final long serialVersionUID = 1L;

    public DirectoryNotEmptyException(String message) {
        super(message);
    }

    public DirectoryNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
