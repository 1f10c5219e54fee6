package org.gantry.core.internal.storage;

import org.gantry.dsi.api.Dsi;

/**
 * One registered DSI service. Identity matters: two registrations of equal-looking services are
 * different entries, so equality is by service id.
 *
 * @param name      {@code gantry.dsi.name}
 * @param type      {@code gantry.dsi.type}
 * @param dsi       the service object
 * @param bundle    symbolic name of the registering bundle, or "" outside OSGi
 * @param bundleId  id of that bundle, or -1
 * @param serviceId {@code service.id}
 * @param ranking   {@code service.ranking}
 */
public record DsiEntry(String name, String type, Dsi dsi, String bundle, long bundleId, long serviceId,
        int ranking) {

    @Override
    public boolean equals(Object other) {
        return other instanceof DsiEntry e && e.serviceId == serviceId && e.dsi == dsi;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(serviceId);
    }

    @Override
    public String toString() {
        return name + "[" + type + ", service " + serviceId + "]";
    }
}
