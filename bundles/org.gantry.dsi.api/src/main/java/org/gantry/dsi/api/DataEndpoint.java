package org.gantry.dsi.api;

import java.net.InetSocketAddress;

/**
 * A data endpoint chosen by a back-end's placement hook: the address a client is told in the
 * {@code 127} reply and must connect to.
 *
 * @param address host and port that is listening for this transfer
 */
public record DataEndpoint(InetSocketAddress address) {
}
