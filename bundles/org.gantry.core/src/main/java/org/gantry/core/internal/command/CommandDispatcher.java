package org.gantry.core.internal.command;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.protocol.FailureMapper;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.CommandRunner;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.TransferSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command against its spec: the login and read-only rules, the handler, and the one place
 * where a failure becomes a reply. Transfers get a {@link TransferSlot} and one log line each.
 */
public final class CommandDispatcher implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final Logger TRANSFER_LOG = LoggerFactory.getLogger("org.gantry.core.transfer");

    private final CommandTable table;

    public CommandDispatcher(CommandTable table) {
        this.table = table;
    }

    @Override
    public boolean isTransfer(FtpCommand command) {
        return table.lookup(command.verb()).map(CommandSpec::transfer).orElse(false);
    }

    @Override
    public boolean abortsTransfers(FtpCommand command) {
        return table.lookup(command.verb()).map(CommandSpec::abortsTransfers).orElse(false);
    }

    @Override
    public boolean runsDuringTransfer(FtpCommand command) {
        return table.lookup(command.verb()).map(CommandSpec::runsDuringTransfer).orElse(false);
    }

    @Override
    public CompletionStage<Void> run(Session session, FtpCommand command) {
        // The command queue opens the slot of a transfer command before running it.
        TransferSlot slot = isTransfer(command)
                ? session.currentTransfer().orElseGet(() -> session.beginTransfer(command.verb()))
                : null;
        Optional<Reply> refusal = refusal(session, command);
        if (refusal.isPresent()) {
            session.reply(refusal.get());
            if (slot != null) {
                session.endTransfer(slot);
            }
            return CompletableFuture.completedFuture(null);
        }
        CommandSpec spec = table.lookup(command.verb()).orElseThrow();
        if (!spec.verb().equals("RNTO")) {
            session.parameters().renameFrom(null);
        }
        CompletionStage<Reply> stage;
        try {
            stage = spec.handler().handle(session, command);
        } catch (Exception | LinkageError e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handle((reply, failure) -> {
            Reply r = failure != null ? FailureMapper.toReply(failure, command.loggable())
                    : reply != null ? reply : Replies.INTERNAL_ERROR;
            if (failure != null) {
                LOG.debug("session {}: '{}' failed: {}", session.id(), command.loggable(), failure.toString());
            }
            session.reply(r);
            if (slot != null) {
                logTransfer(session, slot, r);
                session.endTransfer(slot);
            }
            return null;
        });
    }

    private Optional<Reply> refusal(Session session, FtpCommand command) {
        if (command.isRejected()) {
            return Optional.of(command.rejection());
        }
        Optional<CommandSpec> spec = table.lookup(command.verb());
        if (spec.isEmpty()) {
            if (!KnownVerbs.isKnownButNotImplemented(command.verb())) {
                return Optional.of(Replies.INVALID_COMMAND);
            }
            return Optional.of(session.isLoggedIn() ? Replies.NOT_IMPLEMENTED_REPLY : Replies.PLEASE_LOGIN);
        }
        if (!session.isLoggedIn() && !spec.get().allowedBeforeLogin()) {
            return Optional.of(Replies.PLEASE_LOGIN);
        }
        if (spec.get().modifiesStorage() && session.readOnly()) {
            return Optional.of(Replies.PERMISSION_DENIED);
        }
        return Optional.empty();
    }

    private static void logTransfer(Session session, TransferSlot slot, Reply reply) {
        TRANSFER_LOG.info("transfer session={} user={} cmd={} path={} bytes={} ms={} code={} dsi={} data={}",
                session.id(), session.account().map(a -> a.name()).orElse("-"), slot.verb(),
                slot.path().isEmpty() ? "-" : logValue(slot.path()), slot.bytes(), slot.elapsedMillis(),
                reply.code(), slot.dsiName(), session.dataConnectionSecurity().level());
    }

    /** Quotes values with spaces or quotes so that key=value parsing of the line stays unambiguous. */
    static String logValue(String value) {
        if (value.chars().noneMatch(c -> c == ' ' || c == '"' || c < 0x20)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", "?") + '"';
    }
}
