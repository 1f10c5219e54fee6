package org.gantry.core.admin;

import java.util.List;

/**
 * A registered DSI service as the shell shows it.
 *
 * @param name            {@code gantry.dsi.name}
 * @param type            {@code gantry.dsi.type}
 * @param bundle          symbolic name of the bundle that registered it
 * @param bundleId        that bundle's id
 * @param mountedAt       mount paths currently served by it (including as a fallback in use)
 * @param activeTransfers transfers in flight on it
 */
public record DsiInstance(String name, String type, String bundle, long bundleId,
        List<String> mountedAt, int activeTransfers) {
}
