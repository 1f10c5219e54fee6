package org.gantry.core.internal.session;

import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.core.internal.storage.ResolvedPath;

/**
 * A client path, resolved.
 *
 * @param userPath   absolute path as the user sees it (used in replies)
 * @param serverPath the path in the server namespace (the user's root prepended)
 * @param resolved   the mount, DSI and DSI path it maps to now
 */
public record Target(String userPath, String serverPath, ResolvedPath resolved) {

    public DsiEntry entry() {
        return resolved.entry();
    }

    public String dsiPath() {
        return resolved.dsiPath();
    }
}
