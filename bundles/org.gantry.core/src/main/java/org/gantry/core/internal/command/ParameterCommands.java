package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.StreamMode;
import org.gantry.core.internal.data.modee.ModeE;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Restart;
import org.gantry.core.internal.session.Session;

/** TYPE, MODE, STRU, ALLO, REST, SBUF, TREV: settings for the next transfers. */
final class ParameterCommands implements CommandFamily {

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("TYPE").help("TYPE <sp> A | I").handler(this::type),
                CommandSpec.verb("MODE").help("MODE <sp> S | E").feature("PARALLEL").handler(this::mode),
                CommandSpec.verb("STRU").help("STRU <sp> F").handler(this::stru),
                CommandSpec.verb("ALLO").help("ALLO <sp> size").handler(this::allo),
                CommandSpec.verb("REST").help("REST <sp> offset | start-end[,start-end]...").feature("REST STREAM")
                        .handler(this::rest),
                CommandSpec.verb("SBUF").help("SBUF <sp> bytes").feature("SBUF").handler(this::sbuf),
                CommandSpec.verb("TREV").help("TREV <sp> RESTART | PERF <sp> seconds").handler(this::trev));
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
            case "E":
                session.parameters().mode(ModeE.INSTANCE);
                return Commands.done(Replies.MODE_E);
            case "B", "C", "X":
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

    /** A decimal offset (stream mode) or the ranges already transferred (MODE E), for the next transfer. */
    private CompletionStage<Reply> rest(Session session, FtpCommand command) {
        try {
            session.parameters().restart(Restart.parse(Commands.requireArgument(command)));
        } catch (IllegalArgumentException e) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        return Commands.done(Replies.RESTART_OK);
    }

    /** The TCP buffer size for the following data connections. */
    private CompletionStage<Reply> sbuf(Session session, FtpCommand command) {
        int size = socketBuffer(command.argument());
        if (size < 0) {
            return Commands.done(Replies.INVALID_PARAMETER);
        }
        session.parameters().socketBuffer(size);
        return Commands.done(Replies.SBUF_OK);
    }

    /** The largest TCP buffer a client may ask for; the kernel caps it further. */
    static final int MAX_SOCKET_BUFFER = 64 << 20;

    /** A buffer size in bytes, or -1 if the argument is not one. */
    static int socketBuffer(String argument) {
        try {
            long size = Long.parseLong(argument.trim());
            return size < 0 || size > MAX_SOCKET_BUFFER ? -1 : (int) size;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code TREV RESTART n} / {@code TREV PERF n}: this session's 111 / 112 marker intervals. */
    private CompletionStage<Reply> trev(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().split("\\s+");
        if (args.length != 2) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        long seconds;
        try {
            seconds = Long.parseLong(args[1]);
        } catch (NumberFormatException e) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        if (seconds < 1 || seconds > 86_400) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        switch (args[0].toUpperCase(Locale.ROOT)) {
            case "RESTART" -> session.parameters().restartMarkerInterval(Duration.ofSeconds(seconds));
            case "PERF" -> session.parameters().performanceMarkerInterval(Duration.ofSeconds(seconds));
            default -> {
                return Commands.done(Replies.UNSUPPORTED_EVENT);
            }
        }
        return Commands.done(Replies.TREV_OK);
    }
}
