package org.gantry.security.internal.gsi;

import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.GsiException;
import org.gantry.security.internal.delegation.DelegatedCredential;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.x509.X509Credential;

/**
 * TLS engines for the data connections of one session under DCAU A or S: the delegated credential
 * on our side, the peer's chain validated and its identity checked on the other. TLS 1.3 or 1.2,
 * as on the control channel (the Globus C stack negotiates 1.3, jGlobus 1.2).
 */
final class DataChannelTls implements DataChannelSecurity {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext tls;
    private final DataProtection protection;
    private final String expectedPeer;

    DataChannelTls(X509Credential credential, ProxyChainValidator validator, String expectedPeer,
            DataProtection protection) throws GeneralSecurityException {
        this.tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {credential.keyManager()},
                new TrustManager[] {new PeerIdentityTrustManager(validator, expectedPeer)}, null);
        // No session tickets: under PROT C a ticket after the handshake would land in the clear data.
        tls.getServerSessionContext().setSessionTimeout(GsiComponent.NO_TICKETS_SESSION_TIMEOUT);
        this.protection = protection;
        this.expectedPeer = expectedPeer;
    }

    /**
     * The data channel security of a session whose client delegated {@code delegated}. Under
     * DCAU A the peer must be the identity of the delegated chain, i.e. the session's own user,
     * as the Globus server requires.
     */
    static Optional<DataChannelSecurity> forSession(Optional<DelegatedCredential> delegated,
            ProxyChainValidator validator, DcauMode mode, Optional<String> subject, DataProtection protection)
            throws GsiException {
        if (mode == DcauMode.NONE) {
            if (protection == DataProtection.PRIVATE) {
                throw new GsiException("PROT P needs data channel authentication (DCAU A or S)");
            }
            return Optional.empty();
        }
        DelegatedCredential credential = delegated.orElseThrow(() -> new GsiException(
                "DCAU " + (mode == DcauMode.SELF ? "A" : "S")
                        + " needs a delegated credential; the client delegated none"));
        String expected = mode == DcauMode.SELF ? credential.chain().identity()
                : subject.filter(s -> !s.isBlank()).orElseThrow(() -> new GsiException("DCAU S needs a subject"));
        try {
            return Optional.of(new DataChannelTls(credential.credential(), validator, expected, protection));
        } catch (GeneralSecurityException e) {
            throw new GsiException("cannot set up data channel TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLEngine newEngine(boolean activeSide) {
        // GSI: the side that connected initiates, whatever the direction of the data.
        boolean clientMode = activeSide;
        // No peer host and port: each data connection has a full handshake, never a resumed session.
        SSLEngine engine = tls.createSSLEngine();
        engine.setEnabledProtocols(PROTOCOLS);
        engine.setUseClientMode(clientMode);
        if (!clientMode) {
            engine.setNeedClientAuth(true);
        }
        return engine;
    }

    @Override
    public boolean protectsData() {
        return protection == DataProtection.PRIVATE;
    }

    @Override
    public String expectedPeer() {
        return expectedPeer;
    }
}
