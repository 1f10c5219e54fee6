package org.gantry.security.internal.delegation;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.x509.Certificates;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.X509Credential;

/**
 * The server side of one GSI delegation (protocol.md §6.2): a fresh key pair and a DER PKCS#10
 * request to send to the client; then {@link #accept} takes the proxy certificate the client
 * signed, checks it carries our key and that the new chain validates like any client chain, and
 * returns it with our private key as the session's delegated credential.
 *
 * <p>The key is RSA of the client's key size (2048 to 4096 bits), as other GSI servers do; the
 * client decides the proxy's subject, lifetime and policy (usually a limited proxy), so the
 * request's own subject is only a placeholder.
 */
public final class DelegationRequest {

    private static final int MIN_BITS = 2048;
    private static final int MAX_BITS = 4096;

    private final KeyPair keyPair;
    private final X509Certificate[] clientChain;
    private final byte[] request;

    private DelegationRequest(KeyPair keyPair, X509Certificate[] clientChain, byte[] request) {
        this.keyPair = keyPair;
        this.clientChain = clientChain;
        this.request = request;
    }

    /** Generates the key pair and the request; takes a noticeable fraction of a second. */
    public static DelegationRequest create(X509Certificate[] clientChain) throws CredentialException {
        return create(clientChain, null);
    }

    /** The request for a key pair from {@code keys} (made ahead of time), or a fresh one if null. */
    public static DelegationRequest create(X509Certificate[] clientChain, DelegationKeys keys)
            throws CredentialException {
        if (clientChain.length == 0) {
            throw new IllegalArgumentException("delegation needs the client's chain");
        }
        try {
            int bits = keyBits(clientChain[0].getPublicKey());
            KeyPair keyPair = keys == null ? DelegationKeys.generate(bits) : keys.take(bits);
            byte[] request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=delegation request"),
                    keyPair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate()))
                    .getEncoded();
            return new DelegationRequest(keyPair, clientChain.clone(), request);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new CredentialException("cannot create a delegation request: " + e.getMessage(), e);
        }
    }

    private static int keyBits(PublicKey clientKey) {
        int bits = clientKey instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : MIN_BITS;
        return Math.max(MIN_BITS, Math.min(MAX_BITS, bits));
    }

    /** The DER-encoded PKCS#10 request for the client. */
    public byte[] pkcs10() {
        return request.clone();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * @param proxyDer the DER certificate the client returned
     * @return the delegated credential: our key with [the new proxy, the client's chain...]
     */
    public DelegatedCredential accept(byte[] proxyDer, ProxyChainValidator validator) throws ChainRefusedException {
        X509Certificate proxy;
        try {
            proxy = Certificates.fromDer(proxyDer);
        } catch (CredentialException e) {
            throw new ChainRefusedException("the delegated proxy is not a certificate: " + e.getMessage(), e);
        }
        if (!Arrays.equals(proxy.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
            throw new ChainRefusedException("the delegated proxy does not carry the key of our request");
        }
        List<X509Certificate> chain = new ArrayList<>(List.of(clientChain));
        chain.add(0, proxy);
        X509Certificate[] delegated = chain.toArray(X509Certificate[]::new);
        ValidatedChain validated = validator.validate(delegated);
        if (!validated.proxies().get(0).equals(proxy)) {
            throw new ChainRefusedException("the delegated certificate is not a proxy of the client's chain");
        }
        return new DelegatedCredential(new X509Credential(keyPair.getPrivate(), delegated), validated);
    }
}
