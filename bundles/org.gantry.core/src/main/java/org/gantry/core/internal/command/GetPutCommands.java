package org.gantry.core.internal.command;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.PassiveStyle;
import org.gantry.core.internal.data.StreamMode;
import org.gantry.core.internal.data.modee.ModeE;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;

/**
 * GridFTP v2 GET and PUT: RETR and STOR whose data channel is named in the command itself. With
 * {@code pasv} the listener is opened only once the file is known, where its storage places it,
 * and the client learns the address from a 127 reply before the 150. FEAT lists {@code GETPUT}
 * unless the configuration switches it off, which also refuses the commands.
 */
final class GetPutCommands implements CommandFamily {

    private final TransferCommands transfers;

    GetPutCommands(TransferCommands transfers) {
        this.transfers = transfers;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("GET").transfer().help("GET <sp> path=<file>;[pasv;|port=h1,h2,h3,h4,p1,p2;][mode=S|E;]")
                        .features(s -> s.options().getPut() ? List.of("GETPUT") : List.of()).handler(this::get),
                CommandSpec.verb("PUT").transfer().modifies()
                        .help("PUT <sp> path=<file>;[pasv;|port=h1,h2,h3,h4,p1,p2;][mode=S|E;]").handler(this::put));
    }

    private CompletionStage<Reply> get(Session session, FtpCommand command) {
        GetPutRequest request = parse(session, command);
        if (request.pasv() && blockMode(session, request)) {
            throw new FtpReplyException(Replies.GET_PASSIVE_IN_MODE_E);
        }
        apply(session, request);
        return transfers.retrieve(session, request.path(), 0, -1);
    }

    private CompletionStage<Reply> put(Session session, FtpCommand command) {
        GetPutRequest request = parse(session, command);
        if (request.port().isPresent() && blockMode(session, request)) {
            throw new FtpReplyException(Replies.PUT_ACTIVE_IN_MODE_E);
        }
        apply(session, request);
        return transfers.store(session, request.path());
    }

    private static GetPutRequest parse(Session session, FtpCommand command) {
        if (!session.options().getPut()) {
            throw new FtpReplyException(Replies.GETPUT_SWITCHED_OFF);
        }
        return GetPutRequest.parse(Commands.requireArgument(command));
    }

    /** Whether the transfer runs in MODE E: the command's mode, else the session's. */
    private static boolean blockMode(Session session, GetPutRequest request) {
        return request.mode().map(m -> m == 'E').orElseGet(() -> session.parameters().mode().keepsSetup());
    }

    /**
     * Applies an accepted command's mode (sticky, as MODE; it may drop the data setup) and data
     * channel: {@code pasv} a delayed passive listener, {@code port} connect there, neither the
     * setup the session has. A {@code port} the session may not connect to is refused before
     * anything changes.
     */
    private static void apply(Session session, GetPutRequest request) {
        List<InetSocketAddress> target = request.port().map(List::of).orElse(List.of());
        DataPeers.refusal(session, target).ifPresent(refused -> {
            throw new FtpReplyException(refused);
        });
        request.mode().ifPresent(m -> session.parameters().mode(m == 'E' ? ModeE.INSTANCE : StreamMode.INSTANCE));
        if (request.pasv()) {
            session.parameters().delayPassive(PassiveStyle.PASV);
        } else if (!target.isEmpty()) {
            DataChannelCommands.active(session, target);
        }
    }
}
