package org.gantry.security.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * GSI (RFC 2228 {@code AUTH GSSAPI} with X.509 proxies) for the control channel: starts one
 * security context per session and maps an authenticated client to a local account. The core
 * only moves tokens; TLS, trust and delegation stay behind this interface.
 */
@ProviderType
public interface GsiService {

    /** Whether GSI is configured (a host credential loaded); otherwise {@link #newContext} fails. */
    boolean enabled();

    /** Why GSI is off (no host credential, unreadable key, ...); empty when it is on. */
    String disabledReason();

    /** A fresh acceptor context for one {@code AUTH GSSAPI} exchange. */
    GsiContext newContext() throws GsiException;

    /**
     * @param context   an established context
     * @param requested the user the client asked for ({@code :globus-mapping:} or empty for the
     *                  default account of its identity)
     * @return the account the client's identity may log in as
     * @throws GsiException when the identity is not mapped or may not use {@code requested}
     */
    UserAccount authorize(GsiContext context, String requested) throws GsiException;
}
