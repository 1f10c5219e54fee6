package org.gantry.core.internal.command;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.format.FtpTime;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;

/**
 * MFMT, MFCT and MFF (draft-somers-ftp-mfxx): set a file's modification time, creation time or
 * several facts at once. Success echoes the facts as set ({@code 213 Modify=...; path}). No
 * storage here can set a creation time, so MFCT and MFF's {@code Create} say so and are not
 * advertised.
 */
final class FactCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("MFMT").modifies().help("MFMT <sp> YYYYMMDDHHMMSS <sp> path").feature("MFMT")
                        .handler(this::mfmt),
                CommandSpec.verb("MFCT").modifies().help("MFCT <sp> YYYYMMDDHHMMSS <sp> path").handler(this::mfct),
                CommandSpec.verb("MFF").modifies().help("MFF <sp> fact=value;... <sp> path")
                        .feature("MFF Modify;UNIX.mode;").handler(this::mff));
    }

    private CompletionStage<Reply> mfmt(Session session, FtpCommand command) {
        String[] parts = Commands.requireArgument(command).split(" ", 2);
        Instant when = parts.length == 2 ? FtpTime.parse(parts[0]) : null;
        if (when == null || parts[1].isEmpty()) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        Target target = session.storage().target(parts[1]);
        return setModified(session, target, when)
                .thenApply(v -> Replies.factsSet("Modify=" + FtpTime.format(when) + ";", parts[1]));
    }

    private CompletionStage<Reply> mfct(Session session, FtpCommand command) {
        String[] parts = Commands.requireArgument(command).split(" ", 2);
        if (parts.length < 2 || FtpTime.parse(parts[0]) == null || parts[1].isEmpty()) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        return Commands.done(Replies.CREATION_TIME_NOT_SUPPORTED);
    }

    /** {@code MFF Modify=t;UNIX.mode=0644; path}: every fact is checked before any is set. */
    private CompletionStage<Reply> mff(Session session, FtpCommand command) {
        String argument = Commands.requireArgument(command);
        int space = argument.indexOf(' ');
        if (space <= 0 || space == argument.length() - 1) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        String path = argument.substring(space + 1);
        Map<String, String> facts = new LinkedHashMap<>();
        for (String fact : argument.substring(0, space).split(";")) {
            int eq = fact.indexOf('=');
            if (eq <= 0) {
                return Commands.done(Replies.SYNTAX_ERROR_ARGS);
            }
            facts.put(fact.substring(0, eq).toLowerCase(Locale.ROOT), fact.substring(eq + 1));
        }
        Instant modified = null;
        int mode = -1;
        StringBuilder echo = new StringBuilder();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            switch (fact.getKey()) {
                case "modify" -> {
                    modified = FtpTime.parse(fact.getValue());
                    if (modified == null) {
                        return Commands.done(Replies.SYNTAX_ERROR_ARGS);
                    }
                    echo.append("Modify=").append(fact.getValue()).append(';');
                }
                case "unix.mode" -> {
                    if (!fact.getValue().matches("[0-7]{1,4}")) {
                        return Commands.done(Replies.SYNTAX_ERROR_ARGS);
                    }
                    mode = Integer.parseInt(fact.getValue(), 8);
                    echo.append("UNIX.mode=").append(fact.getValue()).append(';');
                }
                case "create" -> {
                    return Commands.done(Replies.CREATION_TIME_NOT_SUPPORTED);
                }
                default -> {
                    return Commands.done(Replies.unsupportedFact(fact.getKey()));
                }
            }
        }
        Target target = session.storage().target(path);
        int newMode = mode;
        if (newMode >= 0) {
            requirePermissions(target); // before the time is set: a refused MFF sets nothing
        }
        CompletionStage<Void> times = modified == null
                ? CompletableFuture.completedFuture(null)
                : setModified(session, target, modified);
        return times.thenCompose(v -> newMode < 0
                ? CompletableFuture.<Void>completedFuture(null)
                : setMode(session, target, newMode))
                .thenApply(v -> Replies.factsSet(echo.toString(), path));
    }

    /** Sets permission bits (MFF UNIX.mode, SITE CHMOD) where the storage can. */
    static CompletionStage<Void> setMode(Session session, Target target, int mode) {
        requirePermissions(target);
        return session.storage().call(target, (ds, p) -> ds.chmod(p, mode));
    }

    private static void requirePermissions(Target target) {
        if (!target.entry().dsi().capabilities().permissions()) {
            throw new FtpReplyException(Replies.NOT_IMPLEMENTED, "Setting permissions is not supported by this storage.");
        }
    }

    /** Sets a modification time (MFMT, MFF, SITE UTIME) where the storage can. */
    static CompletionStage<Void> setModified(Session session, Target target, Instant when) {
        if (!target.entry().dsi().capabilities().modificationTimes()) {
            throw new FtpReplyException(Replies.NOT_IMPLEMENTED, "Setting modification times is not supported by this storage.");
        }
        return session.storage().call(target, (ds, p) -> ds.setTimes(p, when));
    }
}
