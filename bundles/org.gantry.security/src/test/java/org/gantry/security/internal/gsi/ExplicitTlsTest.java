package org.gantry.security.internal.gsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.x509.CredentialLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FTPS engines: the server is the TLS server on every connection and asks for no client certificate. */
class ExplicitTlsTest {

    private final TestPki pki = TestPki.get();

    private ExplicitTls ftps() throws Exception {
        return new ExplicitTls(ExplicitTls.serverContext(CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile())));
    }

    /** An FTPS client that trusts the test CA and has no certificate of its own. */
    private SSLEngine anonymousClient() throws Exception {
        SSLEngine engine = clientContext().createSSLEngine();
        engine.setUseClientMode(true);
        return engine;
    }

    private SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theServerIsTheTlsServerWhicheverSideConnected(boolean activeSide) throws Exception {
        DataChannelSecurity data = ftps();
        SSLEngine engine = data.newEngine(activeSide);
        assertFalse(engine.getUseClientMode(), "the FTP client is always the TLS client");
        assertFalse(engine.getNeedClientAuth());
        assertFalse(engine.getWantClientAuth());
        assertTrue(data.protectsData());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aClientWithoutCertificateGetsTheHostCertificateAndExchangesProtectedData(boolean activeSide)
            throws Exception {
        TlsEngineDriver client = new TlsEngineDriver(anonymousClient());
        TlsEngineDriver server = new TlsEngineDriver(ftps().newEngine(activeSide));
        client.engine().beginHandshake();
        byte[] toServer = client.feed(new byte[0]);
        for (int round = 0; round < 10 && !(client.handshakeFinished() && server.handshakeFinished()); round++) {
            toServer = client.feed(server.feed(toServer));
        }
        assertTrue(client.handshakeFinished() && server.handshakeFinished(), "handshake did not finish");
        X509Certificate presented = (X509Certificate) client.engine().getSession().getPeerCertificates()[0];
        assertEquals("CN=localhost,DC=gridftp,DC=test", presented.getSubjectX500Principal().getName());

        byte[] block = "file data".getBytes(StandardCharsets.US_ASCII);
        byte[] onTheWire = client.wrap(block);
        assertFalse(new String(onTheWire, StandardCharsets.ISO_8859_1).contains("file data"));
        server.feed(onTheWire);
        assertArrayEquals(block, server.takeApplicationData());
    }

    /**
     * A client that holds the control connection's session (as curl does) gets a data
     * connection all the same; with TLS 1.3 tickets off it is a full handshake, certificate included.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDataConnectionHandshakesAfterTheControlConnection(boolean activeSide) throws Exception {
        ExplicitTls ftps = ftps();
        SSLContext clientContext = clientContext();
        serverHandshakeBytes(clientContext, ftps.controlEngine());
        int data = serverHandshakeBytes(clientContext, ftps.newEngine(activeSide));
        int certificate = CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile()).certificate().getEncoded().length;
        assertTrue(data > certificate, "the data handshake sent " + data + " bytes");
    }

    /** What the server sends until both ends have finished the handshake. */
    private static int serverHandshakeBytes(SSLContext clientContext, SSLEngine serverEngine) throws Exception {
        SSLEngine engine = clientContext.createSSLEngine("127.0.0.1", 2121);
        engine.setUseClientMode(true);
        TlsEngineDriver client = new TlsEngineDriver(engine);
        TlsEngineDriver server = new TlsEngineDriver(serverEngine);
        client.engine().beginHandshake();
        byte[] toServer = client.feed(new byte[0]);
        int sent = 0;
        for (int round = 0; round < 10 && !(client.handshakeFinished() && server.handshakeFinished()); round++) {
            byte[] fromServer = server.feed(toServer);
            sent += fromServer.length;
            toServer = client.feed(fromServer);
        }
        assertTrue(client.handshakeFinished() && server.handshakeFinished(), "handshake did not finish");
        return sent;
    }
}
