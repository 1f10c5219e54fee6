package org.gantry.security.api;

import javax.net.ssl.SSLEngine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Explicit FTPS (RFC 4217 {@code AUTH TLS}) with the host credential, for clients without grid
 * credentials: TLS on the control channel, then USER/PASS inside it, and under {@code PROT P} on
 * the data connections. The server is the TLS server everywhere and asks for no client certificate.
 */
@ProviderType
public interface TlsService {

    /** Whether AUTH TLS is on (a host credential loaded and the mechanism allowed). */
    boolean enabled();

    /** Why AUTH TLS is off; empty when it is on. */
    String disabledReason();

    /**
     * A server-mode engine for one control connection, without client authentication. Control
     * and data engines of all sessions come from one context, so clients may resume the control
     * connection's TLS session on their data connections.
     *
     * @throws IllegalStateException when TLS is not {@link #enabled()}
     */
    SSLEngine newControlEngine();

    /**
     * The security of {@code PROT P} data connections of an FTPS session: TLS server on every
     * connection whatever side connected, the data inside TLS; {@link DataChannelSecurity#expectedPeer()}
     * only describes the peer, which is not authenticated.
     *
     * @throws IllegalStateException when TLS is not {@link #enabled()}
     */
    DataChannelSecurity privateDataChannels();
}
