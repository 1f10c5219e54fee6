package org.gantry.core.internal.command;

import java.util.List;
import java.util.Optional;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.security.api.TlsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AUTH TLS} (RFC 4217 explicit FTPS; {@code SSL} and {@code TLS-C} as aliases): the 234
 * reply goes out plain and the control pipeline starts a TLS server handshake right behind it
 * (see {@code control.StartTls}). The data connections' TLS is fixed now, with the same context.
 */
final class TlsAuth {

    private static final Logger LOG = LoggerFactory.getLogger(TlsAuth.class);
    private static final List<String> MECHANISMS = List.of("TLS", "SSL", "TLS-C");

    private TlsAuth() {
    }

    static boolean names(String mechanism) {
        return MECHANISMS.contains(mechanism);
    }

    static Reply start(Session session) {
        if (session.isLoggedIn()) {
            return Replies.ALREADY_LOGGED_IN;
        }
        if (session.tls().active() || session.gsi().context().isPresent()) {
            return Replies.ALREADY_AUTHENTICATED;
        }
        Optional<TlsService> tls = session.server().tls().get();
        if (tls.isEmpty()) {
            return Replies.tlsUnavailable("the security service is not running");
        }
        if (!tls.get().enabled()) {
            return Replies.tlsUnavailable(tls.get().disabledReason());
        }
        try {
            session.tls().start(tls.get().newControlEngine(), tls.get().privateDataChannels());
        } catch (IllegalStateException e) {
            return Replies.tlsUnavailable(e.getMessage());
        }
        LOG.info("session {}: AUTH TLS from {}", session.id(), session.clientAddress().getAddress().getHostAddress());
        return Replies.AUTH_TLS_OK;
    }

    /** FEAT lines of RFC 4217, where AUTH TLS is on. */
    static List<String> features(Session session) {
        boolean on = session.server().tls().get().filter(TlsService::enabled).isPresent();
        return on ? List.of("AUTH TLS", "PBSZ", "PROT") : List.of();
    }
}
