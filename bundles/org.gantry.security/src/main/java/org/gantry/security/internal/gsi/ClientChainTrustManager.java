package org.gantry.security.internal.gsi;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.x509.ChainRefusedException;

/**
 * Lets the TLS handshake accept exactly the client chains {@link ProxyChainValidator} accepts:
 * the JDK's own trust managers know nothing of proxy certificates. The refusal is the cause of
 * the handshake failure, so its reason can reach the client's 535 reply.
 */
final class ClientChainTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final ProxyChainValidator validator;

    ClientChainTrustManager(ProxyChainValidator validator) {
        this.validator = validator;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            validator.validate(chain);
        } catch (ChainRefusedException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the GSI acceptor does not authenticate servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    /**
     * None listed: a proxy's issuer is the user, not a CA, so a client must not pick its
     * credential by these names (Globus clients do not).
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
