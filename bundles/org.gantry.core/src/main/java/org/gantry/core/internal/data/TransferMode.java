package org.gantry.core.internal.data;

import java.util.concurrent.CompletionStage;

/**
 * A data-channel mode (MODE S or MODE E): how file blocks are framed on the data connection(s)
 * and how the end of the data is signalled. The transfer engine only deals in (offset, bytes)
 * blocks, with offsets relative to the start of the transfer, and never sees connections or
 * framing.
 */
public interface TransferMode {

    /** The MODE letter. */
    char code();

    /** Whether connections outlive a transfer (MODE E caching). */
    boolean keepsSetup();

    /** Connects the data channel(s) of {@code setup} for sending file data. */
    CompletionStage<OutgoingData> openOutgoing(DataChannelSetup setup, DataOptions options);

    /** Connects the data channel(s) of {@code setup} for receiving file data. */
    CompletionStage<IncomingData> openIncoming(DataChannelSetup setup, DataOptions options);
}
