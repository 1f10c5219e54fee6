package org.gantry.core.internal.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.gantry.core.internal.format.FtpTime;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.storage.DsiEntry;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.PathResolver;
import org.gantry.dsi.api.SiteCommand;

/**
 * SITE with its sub-commands HELP, CHMOD, UTIME, SYMLINK (and SYMLINKFROM/TO), CLIENTINFO, plus every {@link SiteCommand} the
 * mounted DSIs contribute. SITE HELP lists them all (clients search its text for features).
 */
final class SiteCommands implements CommandFamily {

    private static final List<String> BUILT_IN_HELP = List.of(
            "HELP",
            "CHMOD <sp> mode <sp> path",
            "UTIME <sp> YYYYMMDDHHMMSS <sp> path",
            "SYMLINK <sp> target <sp> link",
            "SYMLINKFROM <sp> target",
            "SYMLINKTO <sp> link",
            "CLIENTINFO <sp> key=value;...",
            "TASKID <sp> id",
            "RETRBUFSIZE <sp> bytes",
            "STORBUFSIZE <sp> bytes",
            "BUFSIZE <sp> bytes",
            "SBUF <sp> bytes");

    /** GCT's and dCache's names for the TCP buffer size of the following data connections. */
    private static final Set<String> BUFFER_SIZE_VERBS = Set.of("RETRBUFSIZE", "STORBUFSIZE", "RBUFSZ", "RBUFSIZ",
            "SBUFSZ", "SBUFSIZ", "BUFSIZE", "SBUF");

    /** SITE verbs other GridFTP servers offer that this one does not (yet): 502, not 500. */
    private static final Set<String> KNOWN_NOT_IMPLEMENTED = Set.of("CHGRP", "AUTHZ_ASSERT", "WHOAMI",
            "SETNETSTACK", "SETDISKSTACK", "VERSION");

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.verb("SITE").help("SITE <sp> command [<sp> arguments]").handler(this::site));
    }

    private CompletionStage<Reply> site(Session session, FtpCommand command) {
        String[] parts = Commands.requireArgument(command).trim().split(" ", 2);
        String verb = parts[0].toUpperCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].trim() : "";
        switch (verb) {
            case "HELP":
                return Commands.done(help(session));
            case "CHMOD":
                return chmod(session, rest);
            case "UTIME":
                return utime(session, rest);
            case "SYMLINK":
                return SiteSymlinks.symlink(session, rest);
            case "SYMLINKFROM":
                return SiteSymlinks.symlinkFrom(session, rest);
            case "SYMLINKTO":
                return SiteSymlinks.symlinkTo(session, rest);
            case "CLIENTINFO":
                return clientInfo(session, rest);
            case "TASKID":
                return taskId(session, rest);
            default:
                if (BUFFER_SIZE_VERBS.contains(verb)) {
                    return bufferSize(session, rest);
                }
                Optional<Contributed> contributed = contributed(session, verb);
                if (contributed.isPresent()) {
                    return runContributed(session, contributed.get(), rest);
                }
                return Commands.done(KNOWN_NOT_IMPLEMENTED.contains(verb)
                        ? Replies.NOT_IMPLEMENTED_REPLY : Replies.INVALID_COMMAND);
        }
    }

    private static CompletionStage<Reply> bufferSize(Session session, String args) {
        int size = ParameterCommands.socketBuffer(args);
        if (size < 0) {
            return Commands.done(Replies.INVALID_PARAMETER);
        }
        session.parameters().socketBuffer(size);
        return Commands.done(Replies.SITE_OK);
    }

    /** FTS and Globus tag sessions with their task id; it shows in the session list and logs. */
    private static CompletionStage<Reply> taskId(Session session, String id) {
        if (id.isEmpty() || id.length() > 256) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        session.clientInfo().put("taskid", id);
        return Commands.done(Replies.OK_DOT);
    }

    private Reply help(Session session) {
        List<String> lines = new ArrayList<>();
        BUILT_IN_HELP.forEach(l -> lines.add(" " + l));
        for (DsiEntry entry : session.server().resolver().servingEntries()) {
            for (SiteCommand sc : entry.dsi().siteCommands()) {
                String line = " " + sc.help();
                if (!lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        return Reply.multi(Replies.HELP, "The following SITE commands are recognized:", lines, "End.");
    }

    private CompletionStage<Reply> chmod(Session session, String args) {
        String[] parts = args.split(" ", 2);
        if (parts.length < 2 || !parts[0].matches("[0-7]{1,4}")) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        int mode = Integer.parseInt(parts[0], 8);
        return FactCommands.setMode(session, modifiable(session, parts[1]), mode).thenApply(v -> Replies.OK_DOT);
    }

    /** GCT's {@code UTIME time path}; the {@code UTIME path time} order some clients use works too. */
    private CompletionStage<Reply> utime(Session session, String args) {
        String[] parts = args.split(" ", 2);
        if (parts.length < 2) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        String time = parts[0];
        String path = parts[1];
        if (!FtpTime.looksLikeTime(time)) {
            int last = args.lastIndexOf(' ');
            time = args.substring(last + 1);
            path = args.substring(0, last);
        }
        Instant when = FtpTime.parse(time);
        if (when == null) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        return FactCommands.setModified(session, modifiable(session, path), when).thenApply(v -> Replies.OK_DOT);
    }

    /** Records what the client says about itself (appname, appver, ...) for DSIs and logs. */
    private CompletionStage<Reply> clientInfo(Session session, String args) {
        for (String pair : args.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                session.clientInfo().put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        return Commands.done(Replies.OK_DOT);
    }

    private static Target modifiable(Session session, String path) {
        if (session.readOnly()) {
            throw new FtpReplyException(Replies.PERMISSION_DENIED);
        }
        return session.storage().target(path);
    }

    private record Contributed(DsiEntry entry, SiteCommand command) {
    }

    /** The DSI command for {@code verb}, preferring the DSI that serves the working directory. */
    private static Optional<Contributed> contributed(Session session, String verb) {
        List<DsiEntry> entries = new ArrayList<>(session.server().resolver().servingEntries());
        try {
            DsiEntry cwd = session.storage().target(session.paths().cwd()).entry();
            entries.remove(cwd);
            entries.add(0, cwd);
        } catch (FtpReplyException e) {
            // the working directory's storage is gone; any other DSI may still offer the command
        }
        for (DsiEntry entry : entries) {
            for (SiteCommand sc : entry.dsi().siteCommands()) {
                if (sc.name().equalsIgnoreCase(verb)) {
                    return Optional.of(new Contributed(entry, sc));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a DSI's command. When a path in it turns out to be served by another DSI that offers
     * the same command (two tape instances, say), the command runs again there: a contributed
     * command resolves its paths before it acts, so the first attempt changed nothing.
     */
    private static CompletionStage<Reply> runContributed(Session session, Contributed c, String args) {
        AtomicReference<DsiEntry> elsewhere = new AtomicReference<>();
        CompletionStage<Reply> first = attempt(session, c, args, elsewhere);
        return first.handle((reply, failure) -> {
            DsiEntry other = elsewhere.get();
            Optional<SiteCommand> there = other == null ? Optional.empty() : other.dsi().siteCommands().stream()
                    .filter(sc -> sc.name().equalsIgnoreCase(c.command().name())).findFirst();
            if (there.isEmpty()) {
                return first;
            }
            return attempt(session, new Contributed(other, there.get()), args, new AtomicReference<>());
        }).thenCompose(stage -> stage);
    }

    private static CompletionStage<Reply> attempt(Session session, Contributed c, String args,
            AtomicReference<DsiEntry> elsewhere) {
        PathResolver paths = clientPath -> {
            Target t;
            try {
                t = session.storage().target(clientPath);
            } catch (FtpReplyException e) {
                throw new InvalidPathException(clientPath);
            }
            if (!t.entry().equals(c.entry())) {
                elsewhere.compareAndSet(null, t.entry());
                throw new InvalidPathException(clientPath + " is not on " + c.entry().name());
            }
            return t.dsiPath();
        };
        return session.dsiSessions().get(c.entry())
                .thenCompose(ds -> c.command().execute(ds, args, paths))
                .thenApply(r -> Reply.of(r.code(), r.text()));
    }
}
