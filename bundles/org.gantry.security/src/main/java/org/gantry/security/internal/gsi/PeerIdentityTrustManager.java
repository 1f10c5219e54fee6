package org.gantry.security.internal.gsi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.x509.ChainRefusedException;

/**
 * Trust for DCAU data connections, on either end of the handshake: the peer's chain must pass
 * {@link ProxyChainValidator} and its identity (end-entity subject, proxy CNs stripped, as GSI
 * compares names) must be the expected one.
 */
final class PeerIdentityTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final ProxyChainValidator validator;
    private final String expectedIdentity;

    PeerIdentityTrustManager(ProxyChainValidator validator, String expectedIdentity) {
        this.validator = validator;
        this.expectedIdentity = expectedIdentity;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        ValidatedChain peer;
        try {
            peer = validator.validate(chain);
        } catch (ChainRefusedException e) {
            throw new CertificateException(e.getMessage(), e);
        }
        if (!peer.identity().equals(expectedIdentity)) {
            throw new CertificateException(
                    "data channel peer is " + peer.identity() + ", expected " + expectedIdentity);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    /** None: a proxy's issuer is a user, which no peer would find among CAs (see ClientChainTrustManager). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
