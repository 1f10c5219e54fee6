package org.gantry.core.internal.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.format.LsFormat;
import org.gantry.core.internal.format.MlstFacts;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;
import org.gantry.core.internal.session.TransferSlot;

/** NOOP, SYST, FEAT, OPTS, HELP, STAT: FEAT and HELP are generated from the command table. */
final class InfoCommands implements CommandFamily {

    private final CommandTable table;

    InfoCommands(CommandTable table) {
        this.table = table;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("NOOP").beforeLogin().help("NOOP").handler((s, c) -> Commands.done(Replies.NOOP)),
                CommandSpec.verb("SYST").beforeLogin().help("SYST (get type of operating system)")
                        .handler((s, c) -> Commands.done(Replies.SYSTEM)),
                CommandSpec.verb("FEAT").beforeLogin().help("FEAT (list server extensions)").handler(this::feat),
                CommandSpec.verb("OPTS")
                        .help("OPTS <sp> UTF8 ON | MLST <sp> facts | RETR <sp> Parallelism=n,n,n; | "
                                + "PASV <sp> AllowDelayed=0|1; | CKSM <sp> markers=n")
                        .feature("UTF8")
                        .handler(this::opts),
                CommandSpec.verb("HELP").beforeLogin().help("HELP [<sp> command]").handler(this::help),
                CommandSpec.verb("STAT").duringTransfer().help("STAT [<sp> path]").handler(this::stat));
    }

    private CompletionStage<Reply> feat(Session session, FtpCommand command) {
        List<String> lines = table.features(session).stream().map(l -> " " + l).toList();
        return Commands.done(Reply.multi(Replies.SYSTEM_STATUS, "Extensions supported", lines, "End."));
    }

    private CompletionStage<Reply> opts(Session session, FtpCommand command) {
        String[] parts = Commands.requireArgument(command).trim().split("\\s+", 2);
        String target = parts[0].toUpperCase(Locale.ROOT);
        String value = parts.length > 1 ? parts[1].trim() : "";
        if (target.equals("UTF8") && value.equalsIgnoreCase("ON")) {
            return Commands.done(Replies.OPTS_OK);
        }
        if (target.equals("RETR")) {
            return Commands.done(retrieveOptions(session, value));
        }
        if (target.equals("PASV")) {
            return Commands.done(passiveOptions(session, value));
        }
        if (target.equals("CKSM")) {
            return Commands.done(ChecksumCommands.options(session, value));
        }
        if (target.equals("MLST")) {
            Set<String> facts = MlstFacts.select(value);
            session.parameters().mlstFacts(facts);
            StringBuilder sb = new StringBuilder("MLST ");
            MlstFacts.SUPPORTED.stream().filter(facts::contains).forEach(f -> sb.append(f).append(';'));
            return Commands.done(Reply.of(Replies.OK, sb.toString()));
        }
        return Commands.done(Replies.SYNTAX_ERROR_ARGS);
    }

    /**
     * {@code OPTS RETR Parallelism=start,min,max;[StripeLayout=...;BlockSize=n;]}: the number of
     * MODE E connections this server opens when it sends. Layout options only matter with
     * several stripes per side and are accepted as given.
     */
    private static Reply retrieveOptions(Session session, String value) {
        List<Map.Entry<String, String>> options = keyValues(value);
        if (options == null) {
            return Replies.SYNTAX_ERROR_ARGS;
        }
        for (Map.Entry<String, String> option : options) {
            if (option.getKey().equalsIgnoreCase("Parallelism")) {
                try {
                    int streams = Integer.parseInt(option.getValue().split(",")[0].trim());
                    if (streams < 1) {
                        return Replies.SYNTAX_ERROR_ARGS;
                    }
                    session.parameters().parallelism(streams); // capped where used, by the config then in force
                } catch (NumberFormatException e) {
                    return Replies.SYNTAX_ERROR_ARGS;
                }
            }
        }
        return Replies.OPTS_OK;
    }

    /**
     * {@code OPTS PASV AllowDelayed=1;} (or {@code =0}): whether PASV, EPSV and SPAS wait for the
     * transfer command before they open a listener and name it in a 127/129 reply.
     */
    private static Reply passiveOptions(Session session, String value) {
        List<Map.Entry<String, String>> options = keyValues(value);
        if (options == null) {
            return Replies.SYNTAX_ERROR_ARGS;
        }
        for (Map.Entry<String, String> option : options) {
            if (!option.getKey().equalsIgnoreCase("AllowDelayed")) {
                return Replies.SYNTAX_ERROR_ARGS;
            }
            switch (option.getValue()) {
                case "1" -> session.parameters().allowDelayedPassive(true);
                case "0" -> session.parameters().allowDelayedPassive(false);
                default -> {
                    return Replies.SYNTAX_ERROR_ARGS;
                }
            }
        }
        return Replies.OPTS_OK;
    }

    /**
     * The {@code key=value;} options of OPTS RETR and OPTS PASV in order, keys and values
     * trimmed and empty options skipped; null if one has no {@code =}.
     */
    private static List<Map.Entry<String, String>> keyValues(String value) {
        List<Map.Entry<String, String>> options = new ArrayList<>();
        for (String option : value.split(";")) {
            String[] kv = option.trim().split("=", 2);
            if (kv[0].isEmpty()) {
                continue;
            }
            if (kv.length != 2) {
                return null;
            }
            options.add(Map.entry(kv[0].trim(), kv[1].trim()));
        }
        return options;
    }

    private CompletionStage<Reply> help(Session session, FtpCommand command) {
        if (!command.hasArgument()) {
            return Commands.done(Reply.multi(Replies.HELP, "The following commands are recognized:",
                    table.helpGrid(), "End"));
        }
        String verb = command.argument().trim().toUpperCase(Locale.ROOT);
        return Commands.done(table.lookup(verb)
                .map(spec -> Reply.of(Replies.HELP, "Syntax: " + spec.help()))
                .orElse(Reply.of(Replies.NOT_IMPLEMENTED, "Unknown command " + verb + ".")));
    }

    private CompletionStage<Reply> stat(Session session, FtpCommand command) {
        if (!command.hasArgument()) {
            TransferSlot t = session.currentTransfer().orElse(null);
            if (t == null) {
                return Commands.done(Replies.SERVER_STATUS_REPLY);
            }
            return Commands.done(Reply.multi(Replies.SERVER_STATUS, "GridFTP server status.",
                    List.of(" Transfer in progress: " + t.describe()), "End."));
        }
        Target target = session.storage().target(command.argument());
        return session.storage().call(target, (ds, p) -> ds.stat(p, false))
                .thenApply(info -> Reply.multi(Replies.FILE_STATUS, "status of " + command.argument(),
                        List.of(" " + LsFormat.line(info, command.argument(), Instant.now())), "End."));
    }
}
