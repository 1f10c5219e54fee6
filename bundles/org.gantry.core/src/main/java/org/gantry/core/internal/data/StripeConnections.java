package org.gantry.core.internal.data;

import java.util.List;

import io.netty.channel.Channel;

/**
 * The MODE E connections of one sending transfer, per receiving stripe.
 *
 * @param stripes connections per stripe, in the order the receiver listed its addresses
 * @param reused  whether connections of an earlier transfer are used again (reply 125)
 */
public record StripeConnections(List<List<Channel>> stripes, boolean reused) {

    public StripeConnections {
        stripes = stripes.stream().map(List::copyOf).toList();
    }
}
