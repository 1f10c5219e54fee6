package org.gantry.core.internal.command;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.StreamMode;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;

/** TYPE, MODE, STRU, ALLO, REST: settings for the next transfers. */
final class ParameterCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("TYPE").help("TYPE <sp> A | I").handler(this::type),
                CommandSpec.verb("MODE").help("MODE <sp> S").handler(this::mode),
                CommandSpec.verb("STRU").help("STRU <sp> F").handler(this::stru),
                CommandSpec.verb("ALLO").help("ALLO <sp> size").handler(this::allo),
                CommandSpec.verb("REST").help("REST <sp> offset").feature("REST STREAM").handler(this::rest));
    }

    private CompletionStage<Reply> type(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().toUpperCase(Locale.ROOT).split("\\s+");
        char type;
        if (args[0].equals("I") && args.length == 1 || args[0].equals("L") && args.length == 2 && args[1].equals("8")) {
            type = 'I';
        } else if (args[0].equals("A") && (args.length == 1 || args.length == 2 && args[1].equals("N"))) {
            type = 'A';
        } else if (args[0].equals("E") || args[0].equals("A") || args[0].equals("L")) {
            return Commands.done(Replies.UNSUPPORTED_TYPE);
        } else {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        session.parameters().type(type);
        return Commands.done(Replies.typeSet(type));
    }

    private CompletionStage<Reply> mode(Session session, FtpCommand command) {
        String mode = Commands.requireArgument(command).trim().toUpperCase(Locale.ROOT);
        switch (mode) {
            case "S":
                session.parameters().mode(StreamMode.INSTANCE);
                return Commands.done(Replies.MODE_S);
            case "E", "B", "C", "X":
                return Commands.done(Replies.UNSUPPORTED_MODE);
            default:
                return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
    }

    private CompletionStage<Reply> stru(Session session, FtpCommand command) {
        String stru = Commands.requireArgument(command).trim().toUpperCase(Locale.ROOT);
        return Commands.done(switch (stru) {
            case "F" -> Replies.STRU_F;
            case "R", "P" -> Replies.UNSUPPORTED_STRUCTURE;
            default -> Replies.SYNTAX_ERROR_ARGS;
        });
    }

    /** {@code ALLO n [R m]}: the size of the next upload; R (record size) is ignored. */
    private CompletionStage<Reply> allo(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().split("\\s+");
        if (args.length != 1 && !(args.length == 3 && args[1].equalsIgnoreCase("R"))) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        session.parameters().allocation(Commands.parseSize(args[0]));
        return Commands.done(Replies.ALLO_OK);
    }

    /** Stream-mode restart: a decimal offset for the next RETR or STOR. */
    private CompletionStage<Reply> rest(Session session, FtpCommand command) {
        session.parameters().restartOffset(Commands.parseSize(Commands.requireArgument(command)));
        return Commands.done(Replies.RESTART_OK);
    }
}
