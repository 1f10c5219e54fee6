package org.gantry.core.internal.data;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A data-channel mode (MODE S now; MODE E later): how file blocks are framed on the data
 * connection(s) and how the end of the data is signalled. The transfer engine only deals in
 * (offset, bytes) blocks and never sees connections or framing.
 */
public interface TransferMode {

    /** The MODE letter. */
    char code();

    /** Connects the data channel(s) of {@code setup} for sending file data. */
    CompletionStage<OutgoingData> openOutgoing(DataChannelSetup setup, Duration timeout);

    /**
     * Connects the data channel(s) of {@code setup} for receiving file data.
     *
     * @param startOffset the file offset of the first byte a stream delivers (REST, APPE)
     */
    CompletionStage<IncomingData> openIncoming(DataChannelSetup setup, long startOffset, Duration timeout);
}
