package org.gantry.core.internal.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.DataOptions;
import org.gantry.core.internal.data.IncomingData;
import org.gantry.core.internal.data.OutgoingData;
import org.gantry.core.internal.data.PassiveStyle;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.VirtualPaths;
import org.gantry.core.internal.session.TransferSlot;
import org.gantry.core.internal.transfer.StoreTask;
import org.gantry.core.internal.transfer.TransferTask;
import org.gantry.dsi.api.DataEndpoint;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotDirectoryException;
import org.gantry.dsi.api.TransferDirection;

/**
 * The part every data transfer command shares: take the data channel set up by PASV/PORT (MODE
 * E keeps it for the next transfers) or open the one a delayed passive request left to the
 * transfer (announced with 127/129), let the session's mode connect it, answer 150 (125 on a
 * reused connection), run the task where aborts can reach it, and send markers while a MODE E
 * upload runs.
 */
final class DataTransfers {

    private DataTransfers() {
    }

    /**
     * Runs a transfer of {@code target} on its data channel. A delayed passive request opens its
     * listener where the target's storage places the file (the local node if it has no opinion).
     */
    static CompletionStage<Reply> onDataChannel(Session session, Target target, TransferDirection direction,
            Function<DataChannelSetup, CompletionStage<Reply>> body) {
        return onDataChannel(session, () -> session.storage().call(target, (ds, p) -> (direction == TransferDirection.SEND
                ? readable(ds, p)
                : writable(ds, p)).thenCompose(v -> ds.placement(p, direction))), body);
    }

    /** A missing file gets its 550 instead of a 127 the client would connect to in vain. */
    private static CompletionStage<Void> readable(DsiSession ds, String path) {
        return ds.stat(path, true).thenCompose(info -> info.isDirectory()
                ? CompletableFuture.failedFuture(new IsDirectoryException(path))
                : CompletableFuture.completedFuture(null));
    }

    /** Likewise an upload onto a directory, or into a directory that does not exist. */
    private static CompletionStage<Void> writable(DsiSession ds, String path) {
        String parent = VirtualPaths.parent(path);
        return ds.stat(path, true).handle((info, failure) -> info)
                .thenCompose(info -> info != null && info.isDirectory()
                        ? CompletableFuture.failedFuture(new IsDirectoryException(path))
                        : ds.stat(parent, true).thenCompose(dir -> dir.isDirectory()
                                ? CompletableFuture.<Void>completedFuture(null)
                                : CompletableFuture.failedFuture(new NotDirectoryException(parent))));
    }

    /** Runs a listing on its data channel; a delayed passive request listens on the local node. */
    static CompletionStage<Reply> onDataChannel(Session session, Function<DataChannelSetup, CompletionStage<Reply>> body) {
        return onDataChannel(session, () -> CompletableFuture.completedFuture(Optional.empty()), body);
    }

    private static CompletionStage<Reply> onDataChannel(Session session,
            Supplier<CompletionStage<Optional<DataEndpoint>>> placement,
            Function<DataChannelSetup, CompletionStage<Reply>> body) {
        PassiveStyle delayed = session.parameters().takeDelayedPassive();
        if (delayed == null) {
            DataChannelSetup setup = takeSetup(session);
            return closing(session, setup, () -> body.apply(setup));
        }
        // Binding waits for the socket, which the session's event loop must not do. ABOR reaches
        // a placement that takes long (a remote mover starting).
        return slot(session).guard(placement.get(), endpoint -> { })
                .thenApplyAsync(endpoint -> openDelayed(session, delayed, endpoint), session.server().commandPool())
                .thenComposeAsync(setup -> closing(session, setup, () -> body.apply(setup)), session.onLoop());
    }

    /** Opens the delayed listener and tells the client where it is, before the 150 that follows. */
    private static DataChannelSetup openDelayed(Session session, PassiveStyle style, Optional<DataEndpoint> placed) {
        PassiveOffers.Offer offer = placed.isPresent()
                ? PassiveOffers.placed(session, placed.get().address().getAddress(), placed.get().address().getPort())
                : PassiveOffers.local(session);
        if (offer == null) {
            throw new FtpReplyException(Replies.NO_PASSIVE_PORT);
        }
        Reply reply = PassiveOffers.reply(session, style, offer, true);
        if (reply.code() == Replies.PROTOCOL_NOT_SUPPORTED) {
            offer.listener().close();
            throw new FtpReplyException(reply);
        }
        if (session.parameters().mode().keepsSetup()) {
            session.parameters().dataSetup(offer.listener()); // MODE E: later transfers may reuse it
        }
        session.reply(reply);
        return offer.listener();
    }

    /** The data channel setup for this transfer, or a 425 reply if PASV/PORT did not come first. */
    private static DataChannelSetup takeSetup(Session session) {
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
    private static CompletionStage<Reply> closing(Session session, DataChannelSetup setup, Supplier<CompletionStage<Reply>> body) {
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
