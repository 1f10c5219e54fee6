package org.gantry.security.internal.gsi;

import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.internal.x509.X509Credential;

/**
 * Explicit FTPS (RFC 4217) engines: the host credential, server mode, no client certificate, on
 * the control channel and on every data connection whatever side connected (FTPS clients are the
 * TLS client on data connections too). No TLS 1.3 session tickets: a client that uploads and
 * closes without reading leaves the ticket unread, its close becomes a reset, and the end of the
 * upload is lost. Data connections therefore make full handshakes (clients such as curl offer to
 * resume the control connection's session and go on without).
 */
final class ExplicitTls implements DataChannelSecurity {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** What {@link #expectedPeer()} says: FTPS data peers are not authenticated. */
    static final String ANY_PEER = "any FTPS client (not authenticated)";

    private final SSLContext context;

    ExplicitTls(SSLContext context) {
        this.context = context;
    }

    /** The one context of all FTPS connections made with {@code host}. */
    static SSLContext serverContext(X509Credential host) throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        // No trust managers: no client certificate is asked for.
        tls.init(new KeyManager[] {host.keyManager()}, null, null);
        tls.getServerSessionContext().setSessionTimeout(GsiComponent.NO_TICKETS_SESSION_TIMEOUT);
        return tls;
    }

    /** A server-mode engine for a control connection. */
    SSLEngine controlEngine() {
        return serverEngine();
    }

    @Override
    public SSLEngine newEngine(boolean activeSide) {
        // RFC 4217: the FTP client is the TLS client on data connections too, whichever side
        // connected, so activeSide does not matter.
        return serverEngine();
    }

    private SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setEnabledProtocols(PROTOCOLS);
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(false);
        engine.setWantClientAuth(false);
        return engine;
    }

    @Override
    public boolean protectsData() {
        return true;
    }

    @Override
    public String expectedPeer() {
        return ANY_PEER;
    }
}
