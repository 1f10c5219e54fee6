package org.gantry.dsi.api;

/** The back-end itself is gone or broken (e.g. its DSI was uninstalled mid-transfer). */
public class StorageUnavailableException extends DsiException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
