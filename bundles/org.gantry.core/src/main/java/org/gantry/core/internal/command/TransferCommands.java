package org.gantry.core.internal.command;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.checksum.UploadChecksums;
import org.gantry.core.internal.protocol.DsiErrorMapper;
import org.gantry.core.internal.protocol.FailureMapper;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Restart;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.StorageAccess;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.TransferSlot;
import org.gantry.core.internal.transfer.RetrieveTask;
import org.gantry.core.internal.transfer.StoreLayout;
import org.gantry.core.internal.transfer.StoreTask;
import org.gantry.dsi.api.ByteRange;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.IsDirectoryException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.TransferDirection;
import org.gantry.dsi.api.WriteRequest;

/**
 * RETR, ERET, STOR, APPE, ESTO and ABOR. A retrieve sends byte ranges of a "virtual file" (the
 * whole file, or an ERET section) minus what a REST said is done; a store receives into an
 * upload whose layout (shift, ranges already present, expected end) the verb and the REST/ALLO
 * before it decide. Offsets follow GFD.20 as the Globus server implements it: ERET and ESTO
 * blocks are relative to the section's offset.
 */
final class TransferCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("RETR").transfer().help("RETR <sp> file-name")
                        .handler((s, c) -> retrieve(s, Commands.requireArgument(c), 0, -1)),
                CommandSpec.verb("ERET").transfer().help("ERET <sp> P <sp> offset <sp> length <sp> file-name")
                        .feature("ERET").handler(this::eret),
                CommandSpec.verb("STOR").transfer().modifies().help("STOR <sp> file-name")
                        .handler((s, c) -> store(s, Commands.requireArgument(c))),
                CommandSpec.verb("APPE").transfer().modifies().help("APPE <sp> file-name")
                        .handler((s, c) -> store(s, Commands.requireArgument(c), StoreKind.APPE, 0)),
                CommandSpec.verb("ESTO").transfer().modifies().help("ESTO <sp> A <sp> offset <sp> file-name")
                        .feature("ESTO").handler(this::esto),
                CommandSpec.verb("ABOR").abortsTransfers().help("ABOR (abort operation)").handler(this::abor));
    }

    private enum StoreKind { STOR, APPE, ESTO }

    /** {@code ERET P offset length path}: a section of the file, sent as if it were a file. */
    private CompletionStage<Reply> eret(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().split(" +", 4);
        if (args.length < 4 || !args[0].equalsIgnoreCase("P")) {
            session.parameters().takeRestart();
            return Commands.done(Reply.of(Replies.PARAMETER_NOT_IMPLEMENTED, "ERET only supports P offset length."));
        }
        return retrieve(session, args[3], Commands.parseSize(args[1]), Commands.parseSize(args[2]));
    }

    /** {@code ESTO A offset path}: blocks land at their offset plus this one; nothing is truncated. */
    private CompletionStage<Reply> esto(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().split(" +", 3);
        if (args.length < 3 || !args[0].equalsIgnoreCase("A")) {
            session.parameters().takeRestart();
            return Commands.done(Reply.of(Replies.PARAMETER_NOT_IMPLEMENTED, "ESTO only supports A offset."));
        }
        return store(session, args[2], StoreKind.ESTO, Commands.parseSize(args[1]));
    }

    /**
     * @param sectionOffset where the virtual file starts in the real one
     * @param sectionLength its length, or -1 for "to the end"
     */
    CompletionStage<Reply> retrieve(Session session, String path, long sectionOffset, long sectionLength) {
        Restart restart = session.parameters().takeRestart();
        session.parameters().takeAllocation(); // an ALLO applies to the next transfer, whatever it is
        long virtualEnd = sectionLength < 0 ? ByteRange.TO_END : sectionLength;
        List<ByteRange> ranges = restart.toTransfer(virtualEnd).stream()
                .map(r -> new ByteRange(sectionOffset + r.start(),
                        r.end() == ByteRange.TO_END ? ByteRange.TO_END : sectionOffset + r.end()))
                .toList();
        if (ranges.size() > 1 && !session.parameters().mode().keepsSetup()) {
            return Commands.done(Replies.NON_CONTIGUOUS_RESTART);
        }
        Target target = session.storage().target(path);
        return DataTransfers.onDataChannel(session, target, TransferDirection.SEND, setup -> {
            TransferSlot slot = DataTransfers.slot(session);
            slot.describe(target, session.server().resolver().transfers());
            ReadRequest request = new ReadRequest(ranges.isEmpty() ? List.of(new ByteRange(0, 0)) : ranges);
            CompletionStage<DsiReader> open = OpenWaitMarkers.whileOpening(session, slot.guard(
                    session.storage().call(target, (ds, p) -> ds.openRead(p, request)), DsiReader::close));
            return mapped(target, open.thenComposeAsync(reader -> DataTransfers.send(session, setup,
                    out -> new RetrieveTask(reader, out, ranges, sectionOffset, session.options().zeroCopySends(),
                            session.options().dataTimeout()))
                    .whenComplete((n, t) -> reader.close()), session.onLoop()));
        });
    }

    /** STOR: replaces the file (GET/PUT's PUT too). */
    CompletionStage<Reply> store(Session session, String path) {
        return store(session, path, StoreKind.STOR, 0);
    }

    private CompletionStage<Reply> store(Session session, String path, StoreKind kind, long estoOffset) {
        Restart restart = session.parameters().takeRestart();
        long allocation = session.parameters().takeAllocation();
        Optional<Checksum> expected = session.parameters().takeExpectedChecksum();
        boolean blocks = session.parameters().mode().keepsSetup();
        if (!blocks && restart.streamOffset().isEmpty()) {
            return Commands.done(Replies.NON_CONTIGUOUS_RESTART);
        }
        Target target = session.storage().target(path);
        return DataTransfers.onDataChannel(session, target, TransferDirection.RECEIVE, setup -> {
            TransferSlot slot = DataTransfers.slot(session);
            slot.describe(target, session.server().resolver().transfers());
            DsiCapabilities caps = target.entry().dsi().capabilities();
            CompletionStage<Long> base = kind == StoreKind.APPE
                    ? currentSize(session, target)
                    : CompletableFuture.completedFuture(kind == StoreKind.ESTO ? estoOffset : 0L);
            return mapped(target, base.thenCompose(start -> {
                StoreLayout layout = layout(kind, start, restart, allocation, blocks);
                List<ByteRange> present = layout.present().stream()
                        .map(r -> new ByteRange(layout.shift() + r.start(), layout.shift() + r.end())).toList();
                boolean resume = blocks && !present.isEmpty();
                boolean truncate = kind == StoreKind.STOR && layout.shift() == 0 && !resume;
                if (!truncate && !resume && !caps.append()) {
                    throw StorageAccess.mapFailure(target, new NotSupportedException("append"));
                }
                WriteRequest request = new WriteRequest(truncate, allocation, expected, Optional.empty(),
                        resume ? present : List.of());
                // Only a whole file's checksums can be computed from this transfer's data alone.
                UploadChecksums checksums = UploadChecksums.forUpload(session.options().checksums(), truncate,
                        expected, session.server().commandPool());
                CompletionStage<DsiWriter> open = slot.guard(session.storage().call(target,
                        (ds, p) -> ds.openWrite(p, request),
                        allocation >= 0 ? DsiErrorMapper::forAllocation : DsiErrorMapper::toReply),
                        w -> w.abort(new CancellationException("transfer aborted")));
                return open.thenComposeAsync(writer -> {
                    if (resume && !covers(writer, present)) {
                        // Put a kept upload back rather than lose it over one wrong REST.
                        writer.suspend(new CancellationException("restart ranges not stored"));
                        throw new FtpReplyException(Replies.NOTHING_TO_RESUME);
                    }
                    return DataTransfers.receive(session, setup,
                            in -> new StoreTask(writer, in, layout, caps.randomWrites(), caps.keepsPartialUploads(),
                                    session::controlOpen, session.options().dataTimeout(), checksums))
                            .whenComplete((n, t) -> {
                                if (t != null) {
                                    // A no-op if the task already ended the upload (it may have kept it).
                                    writer.abort(FailureMapper.unwrap(t));
                                }
                            });
                }, session.onLoop());
            }));
        });
    }

    /**
     * Stream mode: REST n and APPE shift the incoming bytes. MODE E: REST ranges are present
     * already; ESTO shifts. ALLO is the size of the data this transfer completes.
     */
    private static StoreLayout layout(StoreKind kind, long start, Restart restart, long allocation, boolean blocks) {
        if (!blocks) {
            long shift = start + restart.streamOffset().orElse(0);
            long expected = allocation < 0 ? -1 : kind == StoreKind.STOR ? Math.max(0, allocation - shift) : allocation;
            return new StoreLayout(shift, List.of(), expected, false);
        }
        return new StoreLayout(start, restart.done(), allocation, true);
    }

    private static boolean covers(DsiWriter writer, List<ByteRange> present) {
        org.gantry.dsi.support.RangeSet stored = new org.gantry.dsi.support.RangeSet();
        writer.durableRanges().forEach(r -> stored.add(r.start(), r.end()));
        return present.stream().allMatch(r -> stored.covers(r.start(), r.end()));
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
