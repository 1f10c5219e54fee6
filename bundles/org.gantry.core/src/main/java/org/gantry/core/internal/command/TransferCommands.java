package org.gantry.core.internal.command;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.protocol.DsiErrorMapper;
import org.gantry.core.internal.protocol.FailureMapper;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.StorageAccess;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.TransferSlot;
import org.gantry.core.internal.transfer.RetrieveTask;
import org.gantry.core.internal.transfer.StoreTask;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;

/** RETR, STOR, APPE and ABOR. */
final class TransferCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("RETR").transfer().help("RETR <sp> file-name").handler(this::retr),
                CommandSpec.verb("STOR").transfer().modifies().help("STOR <sp> file-name")
                        .handler((s, c) -> store(s, c, false)),
                CommandSpec.verb("APPE").transfer().modifies().help("APPE <sp> file-name")
                        .handler((s, c) -> store(s, c, true)),
                CommandSpec.verb("ABOR").abortsTransfers().help("ABOR (abort operation)").handler(this::abor));
    }

    private CompletionStage<Reply> retr(Session session, FtpCommand command) {
        long offset = session.parameters().takeRestartOffset();
        session.parameters().takeAllocation(); // an ALLO applies to the next transfer, whatever it is
        DataChannelSetup setup = DataTransfers.takeSetup(session);
        return DataTransfers.closing(setup, () -> {
            Target target = session.storage().target(Commands.requireArgument(command));
            TransferSlot slot = DataTransfers.slot(session);
            slot.describe(target, session.server().resolver().transfers());
            ReadRequest request = new ReadRequest(List.of(new ByteRange(offset, ByteRange.TO_END)));
            CompletionStage<DsiReader> open = slot.guard(
                    session.storage().call(target, (ds, p) -> ds.openRead(p, request)), DsiReader::close);
            return mapped(target, open.thenCompose(reader -> DataTransfers.send(session, setup,
                    out -> new RetrieveTask(reader, out, offset, session.options().dataTimeout()))
                    .whenComplete((n, t) -> reader.close())));
        });
    }

    private CompletionStage<Reply> store(Session session, FtpCommand command, boolean append) {
        long rest = session.parameters().takeRestartOffset();
        long allocation = session.parameters().takeAllocation();
        DataChannelSetup setup = DataTransfers.takeSetup(session);
        return DataTransfers.closing(setup, () -> {
            Target target = session.storage().target(Commands.requireArgument(command));
            TransferSlot slot = DataTransfers.slot(session);
            slot.describe(target, session.server().resolver().transfers());
            CompletionStage<Long> start = append ? currentSize(session, target) : CompletableFuture.completedFuture(rest);
            return mapped(target, start.thenCompose(offset -> {
                boolean truncate = offset == 0;
                if (!truncate && !target.entry().dsi().capabilities().append()) {
                    throw StorageAccess.mapFailure(target, new NotSupportedException("append"));
                }
                long minimum = allocation < 0 ? -1 : append ? allocation : Math.max(0, allocation - offset);
                WriteRequest request = new WriteRequest(truncate, allocation, Optional.empty(), Optional.empty());
                CompletionStage<DsiWriter> open = slot.guard(session.storage().call(target,
                        (ds, p) -> ds.openWrite(p, request),
                        allocation >= 0 ? DsiErrorMapper::forAllocation : DsiErrorMapper::toReply),
                        w -> w.abort(new CancellationException("transfer aborted")));
                return open.thenCompose(writer -> DataTransfers.receive(session, setup, offset,
                        in -> new StoreTask(writer, in, offset, minimum, session::controlOpen,
                                session.options().dataTimeout()))
                        .whenComplete((n, t) -> {
                            if (t != null) {
                                // Idempotent: the task may have aborted it already.
                                writer.abort(FailureMapper.unwrap(t));
                            }
                        }));
            }));
        });
    }

    /** APPE writes at the end of the file; a missing file is a plain STOR. */
    private static CompletionStage<Long> currentSize(Session session, Target target) {
        return session.dsiSessions().get(target.entry())
                .thenCompose(ds -> ds.stat(target.dsiPath(), true))
                .handle((info, failure) -> {
                    if (failure == null) {
                        if (info.isDirectory()) {
                            throw StorageAccess.mapFailure(target, new IsDirectoryException(target.userPath()));
                        }
                        return info.size();
                    }
                    if (FailureMapper.unwrap(failure) instanceof NotFoundException) {
                        return 0L;
                    }
                    throw StorageAccess.mapFailure(target, failure);
                });
    }

    /** Aborts the running transfer and any still waiting; answers once they have answered. */
    private CompletionStage<Reply> abor(Session session, FtpCommand command) {
        List<TransferSlot> inFlight = session.transfersInFlight();
        if (inFlight.isEmpty()) {
            session.parameters().dataSetup(null);
            return Commands.done(Replies.ABORT_SUCCESSFUL);
        }
        inFlight.forEach(slot -> slot.abort(new FtpReplyException(Replies.TRANSFER_ABORTED_REPLY)));
        return CompletableFuture.allOf(inFlight.stream().map(slot -> slot.finished().toCompletableFuture())
                .toArray(CompletableFuture[]::new)).handle((v, t) -> Replies.ABORT_SUCCESSFUL);
    }

    /** The transfer's outcome as its final reply, with back-end failures naming the path. */
    private static CompletionStage<Reply> mapped(Target target, CompletionStage<Long> transfer) {
        return transfer.handle((bytes, failure) -> {
            if (failure != null) {
                throw StorageAccess.mapFailure(target, failure);
            }
            return Replies.TRANSFER_COMPLETE_REPLY;
        });
    }
}
