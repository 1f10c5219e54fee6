package org.gantry.core.internal.data;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * How the data connections are made, as PASV/EPSV/SPAS or PORT/EPRT/SPOR set them up. Stream
 * mode uses one connection per setup; MODE E keeps the setup, and its connections, across
 * transfers until the client sets up another one or changes the mode.
 */
public interface DataChannelSetup extends AutoCloseable {

    /**
     * Stream mode: the connected data channel, with auto-read off. Fails with a 425 reply if no
     * connection is made within the timeout.
     */
    CompletionStage<Channel> connect(Duration timeout);

    /** The one event loop all of this setup's connections use. */
    EventLoop eventLoop();

    /** For logs and STAT. */
    String describe();

    /** Releases the listener and every connection; idempotent. */
    @Override
    void close();
}
