package org.gantry.security.api;

import javax.net.ssl.SSLEngine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What one session negotiated for its data connections (DCAU A or S, PROT C or P): every data
 * connection runs a handshake on a fresh engine from {@link #newEngine}. Under GSI the active side
 * (the one that connected) is the TLS client, the passive side the TLS server, whatever the
 * direction of the data (protocol.md §4.8); TLS records go unframed on the data connection.
 */
@ProviderType
public interface DataChannelSecurity {

    /**
     * A fresh engine for one data connection, presenting the session's delegated credential and
     * requiring the peer's; a peer that is not the expected one fails the handshake. The engine's
     * client mode is already set: the implementation decides who is the TLS client.
     *
     * @param activeSide true when this server connected (PORT/EPRT/SPOR), false when it accepted
     */
    SSLEngine newEngine(boolean activeSide);

    /**
     * With {@code PROT P} the data goes through the engine. With {@code PROT C} the connection
     * carries only the handshake through the engine; the first byte after it is clear data, and the
     * engine is then dropped (no close_notify). The engines send nothing after the handshake
     * (no session tickets), so nothing else can arrive between the handshake and the data.
     */
    boolean protectsData();

    /** The identity (slash-form DN) the peer must authenticate as. */
    String expectedPeer();
}
