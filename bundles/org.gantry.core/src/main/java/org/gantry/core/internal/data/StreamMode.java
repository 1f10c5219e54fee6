package org.gantry.core.internal.data;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

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
    public CompletionStage<OutgoingData> openOutgoing(DataChannelSetup setup, Duration timeout) {
        return setup.connect(timeout).thenApply(StreamOutgoing::new);
    }

    @Override
    public CompletionStage<IncomingData> openIncoming(DataChannelSetup setup, long startOffset, Duration timeout) {
        return setup.connect(timeout).thenApply(ch -> new StreamIncoming(ch, startOffset));
    }
}
