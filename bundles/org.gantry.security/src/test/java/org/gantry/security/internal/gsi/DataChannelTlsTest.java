package org.gantry.security.internal.gsi;

import static org.gantry.security.internal.testing.DelegationClient.signAsClient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.gantry.security.api.DataChannelSecurity;
import org.gantry.security.api.DataProtection;
import org.gantry.security.api.DcauMode;
import org.gantry.security.api.GsiException;
import org.gantry.security.internal.delegation.DelegatedCredential;
import org.gantry.security.internal.delegation.DelegationRequest;
import org.gantry.security.internal.proxy.ProxyChainValidator;
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
 * Data connection engines of DCAU sessions against each other, by shuttling TLS bytes: the two
 * ends are two sessions (or two servers of a third-party transfer) holding proxies the same user
 * delegated, or an impostor.
 */
class DataChannelTlsTest {

    private static final String OTHER_DN = "/DC=test/DC=gridftp/CN=Other User";

    private final TestPki pki = TestPki.get();
    private final ProxyChainValidator validator =
            new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());

    /** A proxy of the test user's proxy, delegated as a Globus client does after AUTH GSSAPI. */
    private DelegatedCredential delegate() throws Exception {
        X509Credential client = CredentialLoader.load(pki.proxyFile());
        DelegationRequest request = DelegationRequest.create(client.chain());
        return request.accept(signAsClient(request.pkcs10(), client, Duration.ofHours(1)).getEncoded(), validator);
    }

    private DataChannelSecurity session(DcauMode mode, Optional<String> subject, DataProtection protection)
            throws Exception {
        return DataChannelTls.forSession(Optional.of(delegate()), validator, mode, subject, protection).orElseThrow();
    }

    private DataChannelSecurity dcauA(DataProtection protection) throws Exception {
        return session(DcauMode.SELF, Optional.empty(), protection);
    }

    /** A peer presenting {@code credential} that itself accepts the test user. */
    private DataChannelTls peer(X509Credential credential) throws Exception {
        return new DataChannelTls(credential, validator, TestPki.USER_DN, DataProtection.PRIVATE);
    }

    /**
     * Both ends after the handshake.
     *
     * @param serverLast what the server sent in answer to the client's last handshake flight
     */
    private record Ends(TlsEngineDriver client, TlsEngineDriver server, byte[] serverLast) {
    }

    /** The active side is the TLS client. Runs the handshake to its end. */
    private static Ends handshake(DataChannelSecurity active, DataChannelSecurity passive) throws SSLException {
        TlsEngineDriver client = new TlsEngineDriver(active.newEngine(true));
        TlsEngineDriver server = new TlsEngineDriver(passive.newEngine(false));
        client.engine().beginHandshake();
        byte[] toServer = client.feed(new byte[0]);
        byte[] fromServer = new byte[0];
        for (int round = 0; round < 10 && !(client.handshakeFinished() && server.handshakeFinished()); round++) {
            fromServer = server.feed(toServer);
            toServer = client.feed(fromServer);
        }
        assertTrue(client.handshakeFinished() && server.handshakeFinished(), "handshake did not finish");
        assertEquals(0, toServer.length, "the client sent more after its handshake");
        return new Ends(client, server, fromServer);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void twoEndsWithTheUsersDelegatedProxiesExchangeProtectedData(boolean weAreActive) throws Exception {
        DataChannelSecurity ours = dcauA(DataProtection.PRIVATE);
        DataChannelSecurity theirs = dcauA(DataProtection.PRIVATE);
        assertTrue(ours.protectsData());
        assertEquals(TestPki.USER_DN, ours.expectedPeer());
        Ends ends = weAreActive ? handshake(ours, theirs) : handshake(theirs, ours);
        TlsEngineDriver client = ends.client();
        TlsEngineDriver server = ends.server();
        assertEquals("TLSv1.3", client.engine().getSession().getProtocol());

        byte[] block = "a block of file data".getBytes(StandardCharsets.US_ASCII);
        byte[] onTheWire = client.wrap(block);
        assertFalse(new String(onTheWire, StandardCharsets.ISO_8859_1).contains("file data"));
        server.feed(onTheWire);
        assertArrayEquals(block, server.takeApplicationData());
        client.feed(server.wrap(block));
        assertArrayEquals(block, client.takeApplicationData());
    }

    /**
     * PROT C: in TLS 1.3 the client's Finished ends the handshake, and the server must not answer
     * it (a session ticket would arrive where the client expects clear data); nothing is pending
     * on either side afterwards.
     */
    @Test
    void protCLeavesNothingOfTlsAfterTheHandshake() throws Exception {
        DataChannelSecurity ours = dcauA(DataProtection.CLEAR);
        assertFalse(ours.protectsData());
        Ends ends = handshake(dcauA(DataProtection.CLEAR), ours);
        assertEquals("TLSv1.3", ends.server().engine().getSession().getProtocol());
        assertEquals(0, ends.serverLast().length, "the server answered the client's Finished");
        assertEquals(0, ends.server().feed(new byte[0]).length, "the server has more to send");
        assertEquals(0, ends.client().feed(new byte[0]).length, "the client has more to send");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void dcauARefusesAPeerWithAnotherIdentity(boolean weAreActive) throws Exception {
        TestCerts.Issued other = TestCerts.eec(OTHER_DN, pki.caCertificate(), pki.caKey());
        DataChannelTls impostor =
                peer(new X509Credential(other.privateKey(), new X509Certificate[] {other.certificate()}));
        DataChannelSecurity ours = dcauA(DataProtection.PRIVATE);
        SSLException e = assertThrows(SSLException.class,
                () -> { if (weAreActive) handshake(ours, impostor); else handshake(impostor, ours); });
        assertTrue(reasons(e).contains("data channel peer is " + OTHER_DN + ", expected " + TestPki.USER_DN),
                reasons(e));
    }

    @Test
    void dcauSAcceptsTheNamedSubjectOnlyAndTheEngineChecksIt() throws Exception {
        X509Credential host = CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile());
        DataChannelSecurity expectingHost =
                session(DcauMode.SUBJECT, Optional.of(TestPki.HOST_DN), DataProtection.PRIVATE);
        handshake(peer(host), expectingHost);

        DataChannelSecurity expectingOther = session(DcauMode.SUBJECT, Optional.of(OTHER_DN), DataProtection.PRIVATE);
        SSLException e = assertThrows(SSLException.class, () -> handshake(peer(host), expectingOther));
        assertTrue(reasons(e).contains("data channel peer is " + TestPki.HOST_DN + ", expected " + OTHER_DN),
                reasons(e));
    }

    @Test
    void aChainFromAnUntrustedCaIsRefused() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("/DC=elsewhere/CN=Untrusted CA");
        TestCerts.Issued user = TestCerts.eec(TestPki.USER_DN, ca.certificate(), ca.privateKey());
        DataChannelTls forged = peer(new X509Credential(user.privateKey(), new X509Certificate[] {user.certificate()}));
        SSLException e = assertThrows(SSLException.class, () -> handshake(forged, dcauA(DataProtection.PRIVATE)));
        assertFalse(reasons(e).contains("data channel peer is"), reasons(e));
        assertTrue(reasons(e).contains(TestPki.USER_DN), reasons(e));
    }

    @Test
    void modesThatCannotWorkAreRefusedUpFront() throws Exception {
        assertTrue(DataChannelTls.forSession(Optional.of(delegate()), validator, DcauMode.NONE, Optional.empty(),
                DataProtection.CLEAR).isEmpty());
        assertEquals("PROT P needs data channel authentication (DCAU A or S)", assertThrows(GsiException.class,
                () -> DataChannelTls.forSession(Optional.empty(), validator, DcauMode.NONE, Optional.empty(),
                        DataProtection.PRIVATE)).getMessage());
        assertEquals("DCAU A needs a delegated credential; the client delegated none", assertThrows(GsiException.class,
                () -> DataChannelTls.forSession(Optional.empty(), validator, DcauMode.SELF, Optional.empty(),
                        DataProtection.CLEAR)).getMessage());
        assertEquals("DCAU S needs a subject", assertThrows(GsiException.class,
                () -> session(DcauMode.SUBJECT, Optional.of(" "), DataProtection.CLEAR)).getMessage());
    }

    private static String reasons(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
