package org.gantry.core.internal.data;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.netty.channel.Channel;

/**
 * How the next transfer's data connection is made, as PASV/EPSV or PORT/EPRT set it up. Stream
 * mode uses one connection per setup; a later MODE E implementation asks for more.
 */
public interface DataChannelSetup extends AutoCloseable {

    /**
     * The connected data channel, with auto-read off. Fails with a 425 reply if no connection is
     * made within the timeout.
     */
    CompletionStage<Channel> connect(Duration timeout);

    /** For logs and STAT. */
    String describe();

    /** Releases the listener and any connection; idempotent. */
    @Override
    void close();
}
