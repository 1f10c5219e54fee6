package org.gantry.security.internal.delegation;

import static org.gantry.security.internal.testing.DelegationClient.signAsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ProxyKind;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.CredentialLoader;
import org.gantry.security.internal.x509.X509Credential;
import org.junit.jupiter.api.Test;

class DelegationRequestTest {

    private final TestPki pki = TestPki.get();
    private final ProxyChainValidator validator =
            new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());

    @Test
    void theSignedProxyBecomesALimitedCredentialOfTheClient() throws Exception {
        X509Credential client = CredentialLoader.load(pki.proxyFile());
        DelegationRequest request = DelegationRequest.create(client.chain());
        assertEquals(2048, ((RSAPublicKey) request.publicKey()).getModulus().bitLength());

        DelegatedCredential delegated = request.accept(
                signAsClient(request.pkcs10(), client, Duration.ofHours(1)).getEncoded(), validator);
        ValidatedChain chain = delegated.chain();
        assertEquals(TestPki.USER_DN, chain.identity());
        assertEquals(ProxyKind.RFC3820_LIMITED, chain.kind());
        assertTrue(chain.limited());
        X509Certificate[] credentialChain = delegated.credential().chain();
        assertEquals(3, credentialChain.length);
        assertEquals(client.certificate(), credentialChain[1]);
        assertEquals(request.publicKey(), credentialChain[0].getPublicKey());
    }

    @Test
    void aCertificateForAnotherKeyIsRefused() throws Exception {
        X509Credential client = CredentialLoader.load(pki.proxyFile());
        DelegationRequest request = DelegationRequest.create(client.chain());
        DelegationRequest other = DelegationRequest.create(client.chain());
        byte[] forOther = signAsClient(other.pkcs10(), client, Duration.ofHours(1)).getEncoded();
        String reason = assertThrows(ChainRefusedException.class, () -> request.accept(forOther, validator)).getMessage();
        assertEquals("the delegated proxy does not carry the key of our request", reason);
        assertThrows(ChainRefusedException.class, () -> request.accept(new byte[] {1, 2, 3}, validator));
    }

    @Test
    void aDelegatedProxyOutlivingTheClientsProxyIsRefused() throws Exception {
        X509Credential client = CredentialLoader.load(pki.proxyFile());
        DelegationRequest request = DelegationRequest.create(client.chain());
        byte[] tooLong = signAsClient(request.pkcs10(), client, Duration.ofDays(2)).getEncoded();
        assertTrue(assertThrows(ChainRefusedException.class, () -> request.accept(tooLong, validator)).getMessage()
                .contains("after its issuer expires"));
    }

    /** The delegated credential authenticates a real JSSE handshake, as it will on DCAU data channels. */
    @Test
    void theDelegatedCredentialWorksAsATlsClientCredential() throws Exception {
        X509Credential client = CredentialLoader.load(pki.proxyFile());
        DelegationRequest request = DelegationRequest.create(client.chain());
        X509Credential delegated = request.accept(
                signAsClient(request.pkcs10(), client, Duration.ofHours(1)).getEncoded(), validator).credential();
        X509Credential host = CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile());

        CompletableFuture<String> serverSaw = new CompletableFuture<>();
        SSLContext serverContext = context(host, new ValidatingTrustManager(validator, serverSaw));
        SSLContext clientContext = context(delegated, new ValidatingTrustManager(validator, new CompletableFuture<>()));
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write('D');
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    InputStream in = socket.getInputStream()) {
                assertEquals('D', in.read());
            }
            accepted.get(30, TimeUnit.SECONDS);
        }
        assertEquals(TestPki.USER_DN + " via " + ProxyKind.RFC3820_LIMITED, serverSaw.get(30, TimeUnit.SECONDS));
    }

    private static SSLContext context(X509Credential credential, TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {credential.keyManager()}, new TrustManager[] {trust}, null);
        return context;
    }

    /** Checks peers with the proxy validator (the wire-protocol step will do this for real). */
    private record ValidatingTrustManager(ProxyChainValidator validator, CompletableFuture<String> seen)
            implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            try {
                ValidatedChain validated = validator.validate(chain);
                seen.complete(validated.identity() + " via " + validated.kind());
            } catch (ChainRefusedException e) {
                throw new CertificateException(e.getMessage(), e);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
