package org.gantry.core.internal.command;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import org.gantry.core.internal.data.HostPort;
import org.gantry.core.internal.data.PassiveListener;
import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.ServerOptions;
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
    private static final int LOWEST_ACTIVE_PORT = 1024;

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("PASV").help("PASV (set server in passive mode)").handler(this::pasv),
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
        InetAddress bind = bindAddress(session);
        InetAddress advertised = advertisedAddress(session, bind);
        if (!(advertised instanceof Inet4Address v4)) {
            return Commands.done(Replies.PROTOCOL_NOT_SUPPORTED_REPLY);
        }
        PassiveListener listener = listen(session, bind);
        if (listener == null) {
            return Commands.done(Replies.NO_PASSIVE_PORT);
        }
        return Commands.done(Replies.passive(HostPort.formatPasv(v4, listener.localAddress().getPort())));
    }

    private CompletionStage<Reply> epsv(Session session, FtpCommand command) {
        String arg = command.argument().trim().toUpperCase(Locale.ROOT);
        if (arg.equals("ALL")) {
            session.parameters().epsvAll(true);
            return Commands.done(Replies.EPSV_ALL_OK);
        }
        InetAddress bind = bindAddress(session);
        if (!arg.isEmpty()) {
            if (!arg.equals("1") && !arg.equals("2")) {
                return Commands.done(Replies.PROTOCOL_NOT_SUPPORTED_REPLY);
            }
            if (Integer.parseInt(arg) != HostPort.family(bind)) {
                return Commands.done(Reply.of(Replies.PROTOCOL_NOT_SUPPORTED,
                        "Network protocol not supported, use (" + HostPort.family(bind) + ")"));
            }
        }
        PassiveListener listener = listen(session, bind);
        if (listener == null) {
            return Commands.done(Replies.NO_PASSIVE_PORT);
        }
        return Commands.done(Replies.extendedPassive(listener.localAddress().getPort()));
    }

    /** Passive for MODE E receiving; the reply lists this server's one stripe. */
    private CompletionStage<Reply> spas(Session session, FtpCommand command) {
        if (session.parameters().epsvAll()) {
            return Commands.done(Replies.NOT_AFTER_EPSV_ALL);
        }
        InetAddress bind = bindAddress(session);
        InetAddress advertised = advertisedAddress(session, bind);
        PassiveListener listener = listen(session, bind);
        if (listener == null) {
            return Commands.done(Replies.NO_PASSIVE_PORT);
        }
        int port = listener.localAddress().getPort();
        String hostPort = advertised instanceof Inet4Address v4
                ? HostPort.formatPasv(v4, port)
                : "|2|" + advertised.getHostAddress() + "|" + port + "|";
        return Commands.done(Replies.stripedPassive(List.of(hostPort)));
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
        session.parameters().dataSetup(session.server().dataChannels().connector(session.eventLoop(), stripes, bindAddress(session)));
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
        connectTo(session, target);
        return Commands.done(Replies.PORT_OK);
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
        connectTo(session, target);
        return Commands.done(Replies.EPRT_OK);
    }

    private static void connectTo(Session session, InetSocketAddress target) {
        session.parameters().dataSetup(session.server().dataChannels().connector(session.eventLoop(), List.of(target),
                bindAddress(session)));
    }

    private static PassiveListener listen(Session session, InetAddress bind) {
        session.parameters().dataSetup(null);
        PassiveListener listener = session.server().dataChannels().listen(session.eventLoop(), bind,
                session.options().passivePorts(),
                session.parameters().socketBuffer());
        if (listener != null) {
            session.parameters().dataSetup(listener);
        }
        return listener;
    }

    private static InetAddress bindAddress(Session session) {
        return session.options().dataBind(session.localAddress().getAddress());
    }

    /** The advertised address; a wildcard bind advertises the address the client reached us on. */
    private static InetAddress advertisedAddress(Session session, InetAddress bind) {
        ServerOptions options = session.options();
        InetAddress fallback = bind.isAnyLocalAddress() ? session.localAddress().getAddress() : bind;
        return options.advertisedAddress().orElse(fallback);
    }
}
