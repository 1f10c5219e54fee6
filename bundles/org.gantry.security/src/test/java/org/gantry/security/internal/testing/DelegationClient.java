package org.gantry.security.internal.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.gantry.security.internal.proxy.ProxyCertInfo;
import org.gantry.security.internal.x509.X509Credential;

/** The client's side of GSI delegation, for tests. */
public final class DelegationClient {

    private DelegationClient() {
    }

    /** What the client does with the server's request: a limited proxy of its own proxy, carrying the request's key. */
    public static X509Certificate signAsClient(byte[] request, X509Credential client, Duration lifetime)
            throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request);
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())));
        PublicKey key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        return TestCerts.proxyOf(client.certificate(), client.privateKey()).keys(new KeyPair(key, null))
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.GLOBUS_LIMITED, true)
                .validity(Instant.now().minus(Duration.ofMinutes(1)), lifetime).build().certificate();
    }
}
