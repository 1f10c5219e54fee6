package org.gantry.core.internal.command;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.HostPort;
import org.gantry.core.internal.data.PassiveStyle;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;

/**
 * PASV, EPSV, SPAS, PORT, EPRT, SPOR: how the next transfer's data connections are made. A
 * single-node server has one stripe, so SPAS names one address; SPOR may name several receiving
 * stripes, and MODE E sending serves each of them. Passive listeners
 * bind to the data bind address; the reply names the advertised address, which may differ
 * (NAT, a host name's public address).
 */
final class DataChannelCommands implements CommandFamily {

    /** Active connections to privileged ports would let clients bounce attacks off the server. */
    static final int LOWEST_ACTIVE_PORT = 1024;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("PASV").help("PASV (set server in passive mode)").feature("PASV AllowDelayed;")
                        .handler(this::pasv),
                CommandSpec.verb("EPSV").help("EPSV [<sp> 1 | 2 | ALL]").handler(this::epsv),
                CommandSpec.verb("PORT").help("PORT <sp> h1,h2,h3,h4,p1,p2").handler(this::port),
                CommandSpec.verb("EPRT").help("EPRT <sp> |af|address|port|").handler(this::eprt),
                CommandSpec.verb("SPAS").help("SPAS (striped passive)").feature("SPAS").handler(this::spas),
                CommandSpec.verb("SPOR").help("SPOR <sp> h1,h2,h3,h4,p1,p2 [<sp> ...]").feature("SPOR")
                        .handler(this::spor));
    }

    private CompletionStage<Reply> pasv(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        return Commands.done(passive(session, PassiveStyle.PASV));
    }

    private CompletionStage<Reply> epsv(Session session, FtpCommand command) {
        String arg = command.argument().trim().toUpperCase(Locale.ROOT);
        if (arg.equals("ALL")) {
            session.parameters().epsvAll(true);
            return Commands.done(Replies.EPSV_ALL_OK);
        }
        if (!arg.isEmpty()) {
            if (!arg.equals("1") && !arg.equals("2")) {
                return Commands.done(Replies.PROTOCOL_NOT_SUPPORTED_REPLY);
            }
            int family = HostPort.family(bindAddress(session));
            if (Integer.parseInt(arg) != family) {
                return Commands.done(Reply.of(Replies.PROTOCOL_NOT_SUPPORTED,
                        "Network protocol not supported, use (" + family + ")"));
            }
        }
        return Commands.done(passive(session, PassiveStyle.EPSV));
    }

    /** Passive for MODE E receiving; the reply lists this server's one stripe. */
    private CompletionStage<Reply> spas(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        return Commands.done(passive(session, PassiveStyle.SPAS));
    }

    /**
     * Opens a listener now, or, after {@code OPTS PASV AllowDelayed=1}, leaves that to the
     * transfer command, which names the listener in a 127/129 reply.
     */
    private static Reply passive(Session session, PassiveStyle style) {
        if (session.parameters().allowDelayedPassive()) {
            session.parameters().delayPassive(style);
            return Replies.PASSIVE_DELAYED;
        }
        session.parameters().dataSetup(null);
        PassiveOffers.Offer offer = PassiveOffers.local(session);
        if (offer == null) {
            return Replies.NO_PASSIVE_PORT;
        }
        Reply reply = PassiveOffers.reply(session, style, offer, false);
        if (reply.code() == Replies.PROTOCOL_NOT_SUPPORTED) {
            offer.listener().close();
        } else {
            session.parameters().dataSetup(offer.listener());
        }
        return reply;
    }

    /** Active for MODE E sending, to one address per receiving stripe. */
    private CompletionStage<Reply> spor(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        List<InetSocketAddress> stripes = new ArrayList<>();
        for (String hostPort : Commands.requireArgument(command).trim().split("\\s+")) {
            InetSocketAddress target;
            try {
                target = hostPort.startsWith("|") ? HostPort.parseEprt(hostPort) : HostPort.parsePort(hostPort);
            } catch (IllegalArgumentException e) {
                return Commands.done(Replies.PROTOCOL_NOT_SUPPORTED_REPLY);
            }
            if (target == null || target.getPort() < LOWEST_ACTIVE_PORT) {
                return Commands.done(Replies.ILLEGAL_PORT);
            }
            stripes.add(target);
        }
        Optional<Reply> refused = DataPeers.refusal(session, stripes);
        if (refused.isPresent()) {
            return Commands.done(refused.get());
        }
        active(session, stripes);
        return Commands.done(Replies.PORT_OK);
    }

    private CompletionStage<Reply> port(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        InetSocketAddress target = HostPort.parsePort(Commands.requireArgument(command));
        if (target == null || target.getPort() < LOWEST_ACTIVE_PORT) {
            return Commands.done(Replies.ILLEGAL_PORT);
        }
        return Commands.done(connectTo(session, target, Replies.PORT_OK));
    }

    private CompletionStage<Reply> eprt(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        InetSocketAddress target;
        try {
            target = HostPort.parseEprt(Commands.requireArgument(command));
        } catch (IllegalArgumentException e) {
            return Commands.done(Replies.PROTOCOL_NOT_SUPPORTED_REPLY);
        }
        if (target == null || target.getPort() < LOWEST_ACTIVE_PORT) {
            return Commands.done(Replies.ILLEGAL_EPRT);
        }
        return Commands.done(connectTo(session, target, Replies.EPRT_OK));
    }

    /** Sets up an active connection to {@code target}, if the session may connect there. */
    private static Reply connectTo(Session session, InetSocketAddress target, Reply accepted) {
        Optional<Reply> refused = DataPeers.refusal(session, List.of(target));
        if (refused.isPresent()) {
            return refused.get();
        }
        active(session, List.of(target));
        return accepted;
    }

    /**
     * The server connects; like the Globus server, an active setup also ends delayed passive.
     * Callers have checked the targets with {@link DataPeers#refusal}.
     */
    static void active(Session session, List<InetSocketAddress> stripes) {
        session.parameters().allowDelayedPassive(false);
        session.parameters().dataSetup(session.server().dataChannels().connector(session.eventLoop(), stripes,
                bindAddress(session), session.dataConnectionSecurity()));
    }

    /** Where data connections bind, for a control connection on this session's local address. */
    static InetAddress bindAddress(Session session) {
        return session.options().dataBind(session.localAddress().getAddress());
    }
}
