package org.gantry.core.internal.storage;

import org.gantry.core.admin.Mount;

/**
 * Where a server path lives: the mount that matched, the DSI serving it now and the path in that
 * DSI's namespace.
 */
public record ResolvedPath(Mount mount, DsiEntry entry, String dsiPath) {
}
