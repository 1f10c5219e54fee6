package org.gantry.core.internal.session;

import java.util.Optional;

import org.gantry.security.api.GsiContext;

/**
 * A session's GSI state: the context of an {@code AUTH GSSAPI} exchange in progress or done.
 * Once established, the client's identity decides USER/PASS, and the context (with the
 * credential the client delegated) stays for the control channel's protection and, later, DCAU.
 */
public final class GsiLogin {

    private volatile GsiContext context;

    /** Starts (or restarts) an exchange. */
    public void start(GsiContext fresh) {
        context = fresh;
    }

    /** Forgets a failed exchange, so the client may start over with AUTH. */
    public void reset() {
        context = null;
    }

    /** The exchange in progress or done. */
    public Optional<GsiContext> context() {
        return Optional.ofNullable(context);
    }

    /** The context, if it is established. */
    public Optional<GsiContext> established() {
        GsiContext c = context;
        return c != null && c.established() ? Optional.of(c) : Optional.empty();
    }
}
