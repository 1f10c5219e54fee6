package org.gantry.core.internal.command;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.DataOptions;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.TransferSlot;
import org.gantry.core.internal.transfer.StoreTask;
import org.gantry.core.internal.transfer.TransferTask;

/**
 * The part every data transfer command shares: take the data channel set up by PASV/PORT (MODE
 * E keeps it for the next transfers), let the session's mode connect it, answer 150 (125 on a
 * reused connection), run the task where aborts can reach it, and send markers while a MODE E
 * upload runs.
 */
final class DataTransfers {

    private DataTransfers() {
    }

    /** The data channel setup for this transfer, or a 425 reply if PASV/PORT did not come first. */
    static DataChannelSetup takeSetup(Session session) {
        DataChannelSetup setup = session.parameters().dataSetupForTransfer();
        if (setup == null) {
            throw new FtpReplyException(Replies.CANT_OPEN_DATA_REPLY);
        }
        return setup;
    }

    /** The running transfer command's slot (the dispatcher made it for transfer commands). */
    static TransferSlot slot(Session session) {
        return session.currentTransfer().orElseThrow(() -> new IllegalStateException("not a transfer command"));
    }

    static CompletionStage<Long> send(Session session, DataChannelSetup setup,
            Function<OutgoingData, TransferTask> task) {
        TransferSlot slot = slot(session);
        TransferMode mode = session.parameters().mode();
        return slot.guard(mode.openOutgoing(setup, options(session)), OutgoingData::abort)
                .thenCompose(out -> run(session, slot, out.reusesConnection(), task.apply(out)));
    }

    static CompletionStage<Long> receive(Session session, DataChannelSetup setup,
            Function<IncomingData, StoreTask> task) {
        TransferSlot slot = slot(session);
        TransferMode mode = session.parameters().mode();
        boolean markers = mode.keepsSetup();
        return slot.guard(mode.openIncoming(setup, options(session)), IncomingData::abort)
                .thenCompose(in -> {
                    StoreTask store = task.apply(in);
                    // At once: a client that sends waits for this reply before its first byte.
                    session.reply(in.reusesConnection() ? Replies.REUSING_CONNECTION : Replies.BEGINNING_TRANSFER);
                    slot.attach(store);
                    if (!markers) {
                        return store.start();
                    }
                    TransferMarkers m = TransferMarkers.start(session, in.executor(), store::bytesTransferred,
                            store::storedRanges);
                    return store.start().whenComplete((n, t) -> {
                        if (t == null) {
                            m.finish();
                        } else {
                            m.stop();
                        }
                    });
                });
    }

    private static DataOptions options(Session session) {
        int parallelism = Math.min(session.parameters().parallelism(), session.options().maxParallelism());
        return new DataOptions(session.options().dataTimeout(), parallelism, session.parameters().socketBuffer());
    }

    /** A send: its 150/125 may wait for the 226, since the client only reads. */
    private static CompletionStage<Long> run(Session session, TransferSlot slot, boolean reused, TransferTask task) {
        session.replySoon(reused ? Replies.REUSING_CONNECTION : Replies.BEGINNING_TRANSFER);
        slot.attach(task);
        return task.start();
    }

    /**
     * Runs the body; when it ends, however it ends, closes a one-transfer setup (stream mode),
     * and drops a kept one after a failure, since its connections are in an unknown state.
     */
    static CompletionStage<Reply> closing(Session session, DataChannelSetup setup, Supplier<CompletionStage<Reply>> body) {
        boolean kept = session.parameters().mode().keepsSetup();
        CompletionStage<Reply> stage;
        try {
            stage = body.get();
        } catch (RuntimeException e) {
            if (!kept) {
                setup.close();
            }
            throw e;
        }
        return stage.whenComplete((r, t) -> {
            if (!kept) {
                setup.close();
            }
        });
    }
}
