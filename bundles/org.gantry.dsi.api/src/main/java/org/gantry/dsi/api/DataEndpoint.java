package org.gantry.dsi.api;

import java.net.InetSocketAddress;

/**
 * A data endpoint chosen by a back-end's placement hook: the address of this node on which the
 * transfer's data listener is opened, and which the client is told in the {@code 127}/{@code 129}
 * reply and must connect to (a mover's interface, a storage network).
 *
 * @param address the address to listen on; port 0 lets the core take one from its passive range
 */
public record DataEndpoint(InetSocketAddress address) {
}
