package org.gantry.core.admin;

import java.util.List;
import java.util.Map;

/**
 * A registered DSI service as the shell shows it.
 *
 * @param name            {@code gantry.dsi.name}
 * @param type            {@code gantry.dsi.type}
 * @param bundle          symbolic name of the bundle that registered it
 * @param bundleId        that bundle's id
 * @param mountedAt       mount paths currently served by it (including as a fallback in use)
 * @param activeTransfers transfers in flight on it
 * @param counters        the DSI's own counters by name, e.g. {@code bytesRead}
 */
public record DsiInstance(String name, String type, String bundle, long bundleId,
        List<String> mountedAt, int activeTransfers, Map<String, Long> counters) {

    public DsiInstance {
        mountedAt = List.copyOf(mountedAt);
        counters = Map.copyOf(counters);
    }

    /** An instance that reports no counters. */
    public DsiInstance(String name, String type, String bundle, long bundleId, List<String> mountedAt,
            int activeTransfers) {
        this(name, type, bundle, bundleId, mountedAt, activeTransfers, Map.of());
    }
}
