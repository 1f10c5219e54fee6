package org.gantry.core.internal.command;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.DataPeerPolicy;
import org.gantry.core.internal.session.Session;
import org.gantry.security.api.DcauMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured {@link DataPeerPolicy} to a session's active targets and passive peers. */
final class DataPeers {

    private static final Logger LOG = LoggerFactory.getLogger(DataPeers.class);

    private DataPeers() {
    }

    /** The reply refusing the first of {@code targets} the session may not connect to, if any. */
    static Optional<Reply> refusal(Session session, List<InetSocketAddress> targets) {
        DataPeerPolicy policy = session.options().dataPeers();
        InetAddress client = session.clientAddress().getAddress();
        boolean authenticated = authenticatedData(session);
        for (InetSocketAddress target : targets) {
            if (!policy.mayConnectTo(target.getAddress(), client, authenticated)) {
                LOG.warn("Session {}: refused an active data connection to {} for client {}", session.id(),
                        target, client.getHostAddress());
                return Optional.of(Replies.dataToOtherHost(target.getHostString()));
            }
        }
        return Optional.empty();
    }

    /**
     * Which incoming connections a passive listener opened now may take: those the policy
     * allows; each one it does not is logged (the listener closes it and keeps listening, so a
     * stranger cannot take the client's transfer).
     */
    static Predicate<InetSocketAddress> passiveAcceptance(Session session) {
        DataPeerPolicy policy = session.options().dataPeers();
        InetAddress client = session.clientAddress().getAddress();
        boolean authenticated = authenticatedData(session);
        long id = session.id();
        return peer -> {
            boolean allowed = policy.mayAccept(peer.getAddress(), client, authenticated);
            if (!allowed) {
                LOG.warn("Session {}: closed a passive data connection from {}: not the client's address {}", id,
                        peer, client.getHostAddress());
            }
            return allowed;
        };
    }

    /** Whether data connections authenticate their peer: GSI with DCAU A or S. */
    private static boolean authenticatedData(Session session) {
        var gsi = session.gsi().established();
        return gsi.isPresent() && session.dataProtection().mode(gsi) != DcauMode.NONE;
    }
}
