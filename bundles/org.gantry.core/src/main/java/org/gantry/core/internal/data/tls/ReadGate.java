package org.gantry.core.internal.data.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Sits below the TLS handler of a {@code PROT P} data connection and, once the handshake is done,
 * holds back the reads the TLS handler asks for on its own: until a transfer reads, nothing more
 * may come off the socket, or an end of stream could be seen before anyone listens for it. The
 * transfer's first read removes the gate (see {@link EarlyDataHolder}).
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {

    private boolean shut;

    /** From now on reads wait for the transfer. */
    void shut() {
        shut = true;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!shut) {
            ctx.read();
        }
    }
}
