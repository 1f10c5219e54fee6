package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.TransferSlot;
import org.gantry.core.internal.transfer.TransferTask;

/**
 * The part every data transfer command shares: take the data channel set up by PASV/PORT, let
 * the session's mode connect it, answer 150, and run the task where aborts can reach it.
 */
final class DataTransfers {

    private DataTransfers() {
    }

    /** The data channel setup for this transfer, or a 425 reply if PASV/PORT did not come first. */
    static DataChannelSetup takeSetup(Session session) {
        DataChannelSetup setup = session.parameters().takeDataSetup();
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
        Duration timeout = session.options().dataTimeout();
        return slot.guard(mode.openOutgoing(setup, timeout), OutgoingData::abort)
                .thenCompose(out -> run(session, slot, task.apply(out)));
    }

    static CompletionStage<Long> receive(Session session, DataChannelSetup setup, long startOffset,
            Function<IncomingData, TransferTask> task) {
        TransferSlot slot = slot(session);
        TransferMode mode = session.parameters().mode();
        Duration timeout = session.options().dataTimeout();
        return slot.guard(mode.openIncoming(setup, startOffset, timeout), IncomingData::abort)
                .thenCompose(in -> run(session, slot, task.apply(in)));
    }

    private static CompletionStage<Long> run(Session session, TransferSlot slot, TransferTask task) {
        session.reply(Replies.BEGINNING_TRANSFER);
        slot.attach(task);
        return task.start();
    }

    /** Runs the body and closes the data channel setup when it ends, however it ends. */
    static CompletionStage<Reply> closing(DataChannelSetup setup, Supplier<CompletionStage<Reply>> body) {
        CompletionStage<Reply> stage;
        try {
            stage = body.get();
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        return stage.whenComplete((r, t) -> setup.close());
    }
}
