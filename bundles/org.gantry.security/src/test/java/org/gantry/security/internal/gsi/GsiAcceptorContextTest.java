package org.gantry.security.internal.gsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.gantry.security.api.AdatStep;
import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.GsiException;
import org.gantry.security.internal.authz.GsiAuthorizer;
import org.gantry.security.internal.gridmap.GridMapFile;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.testing.DelegationClient;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.gantry.security.internal.x509.CredentialLoader;
import org.gantry.security.internal.x509.X509Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The acceptor against a JSSE client that plays the Globus initiator: handshake, delegation flag,
 * signed proxy, then wrapped lines. Both TLS versions, since the C client negotiates 1.3 and
 * jGlobus 1.2, and the flag step differs between them.
 */
class GsiAcceptorContextTest {

    private final TestPki pki = TestPki.get();
    private final ProxyChainValidator validator =
            new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());

    private GsiAcceptorContext acceptor() throws Exception {
        X509Credential host = CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile());
        SSLEngine engine = GsiComponent.acceptorTls(host, validator).createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return new GsiAcceptorContext(engine, validator, new GsiAuthorizer(List::of, new GridMapFile(pki.gridMapFile())));
    }

    private static TlsEngineDriver client(X509Credential credential, String protocol) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {credential.keyManager()}, new TrustManager[] {new TrustingAnyServer()}, null);
        SSLEngine engine = tls.createSSLEngine("localhost", 2811);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.beginHandshake();
        return new TlsEngineDriver(engine);
    }

    /** Runs the handshake; returns the acceptor's last token (the one the client reads its flag prompt from). */
    private static AdatStep handshake(TlsEngineDriver client, GsiAcceptorContext acceptor) throws Exception {
        byte[] toServer = client.feed(new byte[0]);
        AdatStep step;
        do {
            step = acceptor.accept(toServer);
            toServer = client.feed(step.token());
        } while (toServer.length > 0);
        assertTrue(client.handshakeFinished());
        return step;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aDelegatingClientEndsWithTheDelegatedCredentialAndProtectedLines(String protocol) throws Exception {
        X509Credential proxy = CredentialLoader.load(pki.proxyFile());
        TlsEngineDriver client = client(proxy, protocol);
        GsiAcceptorContext acceptor = acceptor();
        AdatStep last = handshake(client, acceptor);
        assertFalse(last.complete());
        assertEquals(TestPki.USER_DN, acceptor.peerIdentity());
        if (protocol.equals("TLSv1.3")) {
            // The client spoke last, so the acceptor prompts with one byte, as Globus does, and
            // with nothing else: Globus clients read exactly that token before their flag.
            assertArrayEquals(new byte[] {0}, client.takeApplicationData());
            assertEquals(1, recordCount(last.token()));
        }

        AdatStep request = acceptor.accept(client.wrap(new byte[] {'D'}));
        assertFalse(request.complete());
        client.feed(request.token());
        X509Certificate signed = DelegationClient.signAsClient(client.takeApplicationData(), proxy, Duration.ofHours(1));
        AdatStep done = acceptor.accept(client.wrap(signed.getEncoded()));
        assertTrue(done.complete());
        assertEquals(0, done.token().length);
        assertTrue(acceptor.established());
        assertEquals(signed, acceptor.delegatedCredential().orElseThrow().credential().certificate());

        byte[] command = "USER :globus-mapping:\r\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(command, acceptor.unwrap(client.wrap(command)));
        byte[] reply = "331 Password required for :globus-mapping:.\r\n".getBytes(StandardCharsets.US_ASCII);
        client.feed(acceptor.wrap(reply));
        assertArrayEquals(reply, client.takeApplicationData());

        DataChannelSecurity dcau = acceptor.dataChannelSecurity(DcauMode.SELF, Optional.empty(), DataProtection.PRIVATE)
                .orElseThrow();
        assertEquals(TestPki.USER_DN, dcau.expectedPeer());
        assertTrue(dcau.protectsData());
    }

    @Test
    void aClientThatDoesNotDelegateIsDoneAfterItsFlag() throws Exception {
        TlsEngineDriver client = client(CredentialLoader.load(pki.proxyFile()), "TLSv1.3");
        GsiAcceptorContext acceptor = acceptor();
        handshake(client, acceptor);
        AdatStep done = acceptor.accept(client.wrap(new byte[] {'0'}));
        assertTrue(done.complete());
        assertTrue(acceptor.delegatedSubject().isEmpty());
        assertThrows(GsiException.class,
                () -> acceptor.dataChannelSecurity(DcauMode.SELF, Optional.empty(), DataProtection.CLEAR));
        assertTrue(acceptor.dataChannelSecurity(DcauMode.NONE, Optional.empty(), DataProtection.CLEAR).isEmpty());
    }

    @Test
    void aChainFromAnUntrustedCaFailsWithTheValidatorsReason() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("/DC=elsewhere/CN=Untrusted CA");
        TestCerts.Issued user = TestCerts.eec("/DC=elsewhere/CN=Mallory", ca.certificate(), ca.privateKey());
        TlsEngineDriver client = client(new X509Credential(user.privateKey(),
                new X509Certificate[] {user.certificate()}), "TLSv1.3");
        GsiAcceptorContext acceptor = acceptor();
        GsiException e = assertThrows(GsiException.class, () -> handshake(client, acceptor));
        assertTrue(e.getMessage().startsWith("certificate chain refused: "), e.getMessage());
        assertTrue(e.getMessage().contains("/DC=elsewhere/CN=Mallory"), e.getMessage());
        assertThrows(GsiException.class, () -> acceptor.accept(new byte[] {22, 3, 3, 0, 0}));
    }

    @Test
    void garbageIsRefusedAndNothingIsWrappedBeforeTheEnd() throws Exception {
        GsiAcceptorContext acceptor = acceptor();
        assertThrows(GsiException.class, () -> acceptor.wrap(new byte[] {1}));
        assertThrows(GsiException.class,
                () -> acceptor.dataChannelSecurity(DcauMode.NONE, Optional.empty(), DataProtection.CLEAR));
        GsiException e = assertThrows(GsiException.class,
                () -> acceptor.accept("this is no TLS".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().startsWith("TLS handshake failed"), e.getMessage());
    }

    @Test
    void legacyFramedTokensAreAnsweredInKind() throws Exception {
        TlsEngineDriver client = client(CredentialLoader.load(pki.proxyFile()), "TLSv1.2");
        GsiAcceptorContext acceptor = acceptor();
        byte[] hello = client.feed(new byte[0]);
        byte[] reply = acceptor.accept(ByteBuffer.allocate(4 + hello.length).putInt(hello.length).put(hello).array())
                .token();
        assertEquals(reply.length - 4, ByteBuffer.wrap(reply).getInt());
        assertTrue(TokenFraming.looksLikeTlsRecord(java.util.Arrays.copyOfRange(reply, 4, reply.length)));
    }

    private static int recordCount(byte[] tls) {
        int records = 0;
        for (int i = 0; i + 5 <= tls.length; i += 5 + (((tls[i + 3] & 0xFF) << 8) | (tls[i + 4] & 0xFF))) {
            records++;
        }
        return records;
    }

    /** The acceptor is under test, not the client's view of the host certificate. */
    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
