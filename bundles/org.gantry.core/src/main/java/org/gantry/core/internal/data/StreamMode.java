package org.gantry.core.internal.data;

import java.util.concurrent.CompletionStage;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/** MODE S: raw bytes on one connection; the sender closes the connection at end of data. */
public final class StreamMode implements TransferMode {

    public static final StreamMode INSTANCE = new StreamMode();

    private StreamMode() {
    }

    @Override
    public char code() {
        return 'S';
    }

    @Override
    public boolean keepsSetup() {
        return false;
    }

    @Override
    public CompletionStage<OutgoingData> openOutgoing(DataChannelSetup setup, DataOptions options) {
        return setup.connect(options.timeout()).thenApply(ch -> {
            applyBuffer(ch, options);
            return new StreamOutgoing(ch);
        });
    }

    @Override
    public CompletionStage<IncomingData> openIncoming(DataChannelSetup setup, DataOptions options) {
        return setup.connect(options.timeout()).thenApply(ch -> {
            applyBuffer(ch, options);
            return new StreamIncoming(ch, 0);
        });
    }

    private static void applyBuffer(Channel ch, DataOptions options) {
        if (options.socketBuffer() > 0) {
            ch.config().setOption(ChannelOption.SO_SNDBUF, options.socketBuffer());
            ch.config().setOption(ChannelOption.SO_RCVBUF, options.socketBuffer());
        }
    }
}
