package org.gantry.core.internal.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.format.LsFormat;
import org.gantry.core.internal.format.MlstFacts;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.StorageAccess;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.VirtualPaths;
import org.gantry.core.internal.transfer.ListingTask;
import org.gantry.core.internal.transfer.RecursiveListing;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.FileInfo;

/**
 * LIST, NLST, MLSD and MLSR (recursive) over the data channel; MLST and MLSC (Globus's MLSD
 * over the control channel) on the control channel.
 */
final class ListingCommands implements CommandFamily {

    private enum Kind { LIST, NLST, MLSD, MLSR }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("LIST").transfer().help("LIST [<sp> path]").handler((s, c) -> list(s, c, Kind.LIST)),
                CommandSpec.verb("NLST").transfer().help("NLST [<sp> path]").handler((s, c) -> list(s, c, Kind.NLST)),
                CommandSpec.verb("MLSD").transfer().help("MLSD [<sp> path]").handler((s, c) -> list(s, c, Kind.MLSD)),
                CommandSpec.verb("MLSR").transfer().help("MLSR [<sp> path]").feature("MLSR")
                        .handler((s, c) -> list(s, c, Kind.MLSR)),
                CommandSpec.verb("MLSC").help("MLSC [<sp> path]").feature("MLSC").handler(this::mlsc),
                CommandSpec.verb("MLST").help("MLST [<sp> path]")
                        .features(s -> List.of(MlstFacts.featLine(s.parameters().mlstFacts())))
                        .handler(this::mlst));
    }

    private CompletionStage<Reply> mlst(Session session, FtpCommand command) {
        Target target = session.storage().target(command.argument());
        String shown = command.hasArgument() ? command.argument() : target.userPath();
        Set<String> facts = facts(session, target);
        return session.storage().call(target, (ds, p) -> ds.stat(p, false)).thenApply(info ->
                Reply.multi(Replies.FILE_ACTION_OK, "status of " + shown,
                        List.of(" " + MlstFacts.line(info, MlstFacts.typeOf(info), shown, facts, session.readOnly())),
                        "End."));
    }

    private CompletionStage<Reply> list(Session session, FtpCommand command, Kind kind) {
        // REST and ALLO apply to the next transfer, listings included.
        session.parameters().takeRestart();
        session.parameters().takeAllocation();
        return DataTransfers.onDataChannel(session, setup -> {
            boolean machine = kind == Kind.MLSD || kind == Kind.MLSR;
            String argument = machine ? command.argument() : withoutLsOptions(command.argument());
            Target target = session.storage().target(argument);
            DataTransfers.slot(session).describe(target, session.server().resolver().transfers());
            return session.storage().call(target, (ds, p) -> ds.stat(p, true))
                    .thenCompose(info -> listing(session, target, info, kind))
                    .thenCompose(prepared -> send(session, setup, target, prepared, kind));
        });
    }

    /** What to send: the entries (a one-entry listing for a file) and MLSD's header lines. */
    private CompletionStage<Prepared> listing(Session session, Target target, FileInfo info, Kind kind) {
        if (!info.isDirectory()) {
            if (kind == Kind.MLSD || kind == Kind.MLSR) {
                throw new FtpReplyException(Replies.ARGUMENT_SYNTAX_ERROR, target.userPath() + ": Not a directory.");
            }
            return CompletableFuture.completedFuture(new Prepared(new SingleEntryListing(info), List.of()));
        }
        if (kind == Kind.MLSR) {
            return session.dsiSessions().get(target.entry()).thenApply(ds -> new Prepared(
                    new RecursiveListing(ds, target.dsiPath()), List.of()));
        }
        CompletionStage<List<String>> header = kind == Kind.MLSD
                ? mlsdHeader(session, target, info)
                : CompletableFuture.completedFuture(List.of());
        return header.thenCompose(lines -> DataTransfers.slot(session).guard(
                session.storage().call(target, (ds, p) -> ds.list(p)), DirectoryListing::close)
                .thenApply(listing -> new Prepared(listing, lines)));
    }

    /** The {@code cdir} and {@code pdir} lines; the parent is left out if it cannot be read. */
    private CompletionStage<List<String>> mlsdHeader(Session session, Target target, FileInfo dir) {
        Set<String> facts = facts(session, target);
        boolean ro = session.readOnly();
        List<String> lines = new ArrayList<>();
        lines.add(MlstFacts.line(dir, "cdir", ".", facts, ro));
        Target parent;
        try {
            parent = session.storage().target(VirtualPaths.parent(target.userPath()));
        } catch (FtpReplyException e) {
            return CompletableFuture.completedFuture(lines);
        }
        return session.storage().call(parent, (ds, p) -> ds.stat(p, true)).handle((info, t) -> {
            if (info != null) {
                lines.add(MlstFacts.line(info, "pdir", "..", facts, ro));
            }
            return lines;
        });
    }

    private CompletionStage<Reply> send(Session session, DataChannelSetup setup, Target target, Prepared prepared,
            Kind kind) {
        Set<String> facts = facts(session, target);
        boolean ro = session.readOnly();
        Instant now = Instant.now();
        Function<FileInfo, String> format = switch (kind) {
            case MLSD, MLSR -> info -> MlstFacts.line(info, MlstFacts.typeOf(info), info.name(), facts, ro);
            case LIST -> info -> LsFormat.line(info, info.name(), now);
            case NLST -> FileInfo::name;
        };
        return DataTransfers.send(session, setup, out -> new ListingTask(prepared.listing(), prepared.header(),
                format, out, session.options().dataTimeout()))
                .whenComplete((n, t) -> prepared.listing().close())
                .handle((n, t) -> {
                    if (t != null) {
                        throw StorageAccess.mapFailure(target, t);
                    }
                    return Replies.TRANSFER_COMPLETE_REPLY;
                });
    }

    /**
     * MLSC: the MLSD entries as a multi-line control-channel reply. Meant for browsing (Globus's
     * directory agents), so very large directories are cut off with a note rather than
     * building an unbounded reply.
     */
    private CompletionStage<Reply> mlsc(Session session, FtpCommand command) {
        Target target = session.storage().target(command.argument());
        String shown = command.hasArgument() ? command.argument() : target.userPath();
        Set<String> facts = facts(session, target);
        boolean ro = session.readOnly();
        return session.storage().call(target, (ds, p) -> ds.list(p))
                .thenCompose(listing -> collect(listing, new ArrayList<>()).whenComplete((l, t) -> listing.close()))
                .thenApply(entries -> {
                    List<String> lines = new ArrayList<>();
                    entries.stream().limit(MLSC_LIMIT).forEach(info ->
                            lines.add(" " + MlstFacts.line(info, MlstFacts.typeOf(info), info.name(), facts, ro)));
                    String last = entries.size() > MLSC_LIMIT
                            ? "End (first " + MLSC_LIMIT + " entries; use MLSD for all)." : "End.";
                    return Reply.multi(Replies.FILE_ACTION_OK, "Contents of " + shown, lines, last);
                });
    }

    static final int MLSC_LIMIT = 100_000;

    /** The session's MLST facts that apply to the back-end serving {@code target}. */
    private static Set<String> facts(Session session, Target target) {
        return MlstFacts.forBackEnd(session.parameters().mlstFacts(),
                target.entry().dsi().capabilities().staging());
    }

    private static CompletionStage<List<FileInfo>> collect(DirectoryListing listing, List<FileInfo> into) {
        return listing.next(ListingTask.BATCH).thenCompose(batch -> {
            if (batch.isEmpty() || into.size() > MLSC_LIMIT) {
                return CompletableFuture.completedFuture(into);
            }
            into.addAll(batch);
            return collect(listing, into);
        });
    }

    /** LIST/NLST arguments may start with {@code ls} options such as {@code -la}; they are ignored. */
    static String withoutLsOptions(String argument) {
        String rest = argument.trim();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).trim();
        }
        return rest;
    }

    private record Prepared(DirectoryListing listing, List<String> header) {
    }

    /** A listing of one entry: LIST of a file shows that file. */
    private static final class SingleEntryListing implements DirectoryListing {
        private FileInfo entry;

        SingleEntryListing(FileInfo entry) {
            this.entry = entry;
        }

        @Override
        public synchronized CompletionStage<List<FileInfo>> next(int max) {
            List<FileInfo> batch = entry == null ? List.of() : List.of(entry);
            entry = null;
            return CompletableFuture.completedFuture(batch);
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
