package org.gantry.security.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One GSI security context, acceptor side: first the ADAT exchange (TLS handshake, then the GSI
 * delegation step), then wrapping and unwrapping of the protected control channel lines.
 * Not thread-safe: a session uses it from one thread at a time.
 */
@ProviderType
public interface GsiContext {

    /** Feeds one ADAT token (decoded from base64) and returns what to answer. */
    AdatStep accept(byte[] token) throws GsiException;

    /** The handshake and the delegation step (if any) are complete. */
    boolean established();

    /** The client's identity (end-entity subject, slash form); only once established. */
    String peerIdentity();

    /** The subject of the credential the client delegated, if it delegated one. */
    java.util.Optional<String> delegatedSubject();

    /**
     * The security for this session's data connections. Under {@code DCAU A} the peer must be the
     * session's own identity (the client, or a third-party server holding a proxy the client
     * delegated to it), under {@code DCAU S} the given subject; both sides present the credential
     * the client delegated.
     *
     * @param subject    the subject of {@code DCAU S} (slash form); ignored for the other modes
     * @return empty for {@code DCAU N}
     * @throws GsiException when the context is not established, the client delegated no credential,
     *                      {@code DCAU S} has no subject, or {@code PROT P} comes with {@code DCAU N}
     */
    default java.util.Optional<DataChannelSecurity> dataChannelSecurity(DcauMode mode,
            java.util.Optional<String> subject, DataProtection protection) throws GsiException {
        // A default so that contexts without data channel support (test doubles) still compile.
        throw new GsiException("this security context cannot authenticate data channels");
    }

    /** Protects one control channel line (a reply line with its CRLF) for 631/632/633. */
    byte[] wrap(byte[] plain) throws GsiException;

    /** Recovers the command line carried by a MIC/ENC/CONF token. */
    byte[] unwrap(byte[] token) throws GsiException;
}
