package org.gantry.core.internal.command;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

import org.gantry.core.internal.data.HostPort;
import org.gantry.core.internal.data.PassiveListener;
import org.gantry.core.internal.data.PassiveStyle;
import org.gantry.core.internal.data.PortRange;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.ServerOptions;
import org.gantry.core.internal.session.Session;

/**
 * Opens passive listeners and words the replies that name them: at once for PASV, EPSV and SPAS
 * (227/229), or, when the reply is delayed until the transfer command names the file, as
 * 127/129 naming wherever storage placed the listener.
 */
final class PassiveOffers {

    private PassiveOffers() {
    }

    /**
     * A listener and the address the client is told to connect to.
     *
     * @param placed whether storage chose the address (it may differ from the control connection's)
     */
    record Offer(PassiveListener listener, InetAddress advertised, boolean placed) {
    }

    /**
     * Opens a listener on the session's data bind address, advertising the configured address.
     *
     * @return the offer, or null if no passive port is free
     */
    static Offer local(Session session) {
        InetAddress bind = DataChannelCommands.bindAddress(session);
        PassiveListener listener = listen(session, bind, session.options().passivePorts());
        return listener == null ? null : new Offer(listener, advertisedAddress(session, bind), false);
    }

    /**
     * Opens a listener where storage placed the file's data: that address is both bound and
     * advertised; port 0 takes one from the passive range.
     */
    static Offer placed(Session session, InetAddress address, int port) {
        PortRange ports = port == 0 ? session.options().passivePorts() : new PortRange(port, port);
        PassiveListener listener = listen(session, address, ports);
        return listener == null ? null : new Offer(listener, address, true);
    }

    private static PassiveListener listen(Session session, InetAddress bind, PortRange ports) {
        return session.server().dataChannels().listen(session.eventLoop(), bind, ports,
                session.parameters().socketBuffer(), session.dataConnectionSecurity(),
                DataPeers.passiveAcceptance(session));
    }

    /**
     * The reply naming an offer, in the style the client asked for; PASV cannot name an IPv6
     * address, which gets the 522 of RFC 2428 (the caller closes the listener).
     */
    static Reply reply(Session session, PassiveStyle style, Offer offer, boolean delayed) {
        int port = offer.listener().localAddress().getPort();
        InetAddress address = offer.advertised();
        switch (style) {
            case PASV:
                if (!(address instanceof Inet4Address v4)) {
                    return Replies.PROTOCOL_NOT_SUPPORTED_REPLY;
                }
                String hostPort = HostPort.formatPasv(v4, port);
                return delayed ? Replies.delayedPassive(hostPort) : Replies.passive(hostPort);
            case EPSV:
                // The short form means "the address you reached me on" (RFC 2428); a listener that
                // storage placed elsewhere has to be spelt out.
                boolean elsewhere = offer.placed() && !address.equals(session.localAddress().getAddress());
                return Replies.extendedPassive(elsewhere ? extended(address, port) : "|||" + port + "|", delayed);
            default:
                String stripe = address instanceof Inet4Address v4
                        ? HostPort.formatPasv(v4, port)
                        : extended(address, port);
                return Replies.stripedPassive(List.of(stripe), delayed);
        }
    }

    private static String extended(InetAddress address, int port) {
        return "|" + HostPort.family(address) + "|" + address.getHostAddress() + "|" + port + "|";
    }

    /** The advertised address; a wildcard bind advertises the address the client reached us on. */
    private static InetAddress advertisedAddress(Session session, InetAddress bind) {
        ServerOptions options = session.options();
        InetAddress fallback = bind.isAnyLocalAddress() ? session.localAddress().getAddress() : bind;
        return options.advertisedAddress().orElse(fallback);
    }
}
