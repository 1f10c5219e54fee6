package org.gantry.core.internal.data.modee;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.ActiveConnector;
import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.DataOptions;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.data.PassiveListener;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;

/**
 * MODE E, GFD.20's extended block mode: blocks with offsets on any number of connections. The
 * sender is always the side that connects, so sending needs PORT/EPRT/SPOR and receiving needs
 * PASV/EPSV/SPAS; connections are kept for the next transfer.
 */
public final class ModeE implements TransferMode {

    public static final ModeE INSTANCE = new ModeE();

    private ModeE() {
    }

    @Override
    public char code() {
        return 'E';
    }

    @Override
    public boolean keepsSetup() {
        return true;
    }

    @Override
    public CompletionStage<OutgoingData> openOutgoing(DataChannelSetup setup, DataOptions options) {
        if (!(setup instanceof ActiveConnector connector)) {
            return CompletableFuture.failedFuture(new FtpReplyException(Replies.MODE_E_SEND_NEEDS_PORT));
        }
        return connector.connectStripes(Math.max(1, options.parallelism()), options.timeout(), options.socketBuffer())
                .thenApply(connections -> new ModeEOutgoing(connector, connections));
    }

    @Override
    public CompletionStage<IncomingData> openIncoming(DataChannelSetup setup, DataOptions options) {
        if (!(setup instanceof PassiveListener listener)) {
            return CompletableFuture.failedFuture(new FtpReplyException(Replies.MODE_E_RECEIVE_NEEDS_PASV));
        }
        return CompletableFuture.completedFuture(new ModeEIncoming(listener));
    }
}
