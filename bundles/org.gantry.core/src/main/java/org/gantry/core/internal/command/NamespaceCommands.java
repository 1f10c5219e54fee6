package org.gantry.core.internal.command;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.format.FtpTime;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;

/** SIZE, MDTM, MKD, RMD, DELE, RNFR, RNTO. */
final class NamespaceCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("SIZE").help("SIZE <sp> path").feature("SIZE").handler(this::size),
                CommandSpec.verb("MDTM").help("MDTM <sp> path").feature("MDTM").handler(this::mdtm),
                CommandSpec.verb("MKD").modifies().help("MKD <sp> path").handler(this::mkd),
                CommandSpec.verb("RMD").modifies().help("RMD <sp> path")
                        .handler((s, c) -> simple(s, c, (ds, p) -> ds.rmdir(p))),
                CommandSpec.verb("DELE").modifies().help("DELE <sp> path")
                        .handler((s, c) -> simple(s, c, (ds, p) -> ds.delete(p))),
                CommandSpec.verb("RNFR").modifies().help("RNFR <sp> path").handler(this::rnfr),
                CommandSpec.verb("RNTO").modifies().help("RNTO <sp> path").handler(this::rnto));
    }

    private CompletionStage<Reply> size(Session session, FtpCommand command) {
        Target target = target(session, command);
        return session.storage().call(target, (ds, p) -> ds.stat(p, true)).thenApply(info -> info.isFile()
                ? Replies.fileStatus(Long.toString(info.size()))
                : Replies.notAPlainFile(target.userPath()));
    }

    private CompletionStage<Reply> mdtm(Session session, FtpCommand command) {
        Target target = target(session, command);
        return session.storage().call(target, (ds, p) -> ds.stat(p, true))
                .thenApply(info -> Replies.fileStatus(FtpTime.format(info.modified())));
    }

    private CompletionStage<Reply> mkd(Session session, FtpCommand command) {
        Target target = target(session, command);
        return session.storage().call(target, (ds, p) -> ds.mkdir(p))
                .thenApply(v -> Replies.directoryCreated(target.userPath()));
    }

    private CompletionStage<Reply> simple(Session session, FtpCommand command,
            org.gantry.core.internal.session.StorageAccess.Operation<Void> operation) {
        Target target = target(session, command);
        return session.storage().call(target, operation).thenApply(v -> Replies.OK_DOT);
    }

    private CompletionStage<Reply> rnfr(Session session, FtpCommand command) {
        Target target = target(session, command);
        return session.storage().call(target, (ds, p) -> ds.stat(p, false)).thenApply(info -> {
            session.parameters().renameFrom(target);
            return Replies.RNFR_OK;
        });
    }

    private CompletionStage<Reply> rnto(Session session, FtpCommand command) {
        Target from = session.parameters().renameFrom();
        session.parameters().renameFrom(null);
        if (from == null) {
            return Commands.done(Replies.BAD_SEQUENCE_REPLY);
        }
        Target to = target(session, command);
        if (!from.entry().equals(to.entry())) {
            return Commands.done(Reply.of(Replies.NAME_NOT_ALLOWED, "Cannot rename across storage systems."));
        }
        return session.storage().call(from, (ds, p) -> ds.rename(p, to.dsiPath())).thenApply(v -> Replies.OK_DOT);
    }

    private static Target target(Session session, FtpCommand command) {
        return session.storage().target(Commands.requireArgument(command));
    }
}
