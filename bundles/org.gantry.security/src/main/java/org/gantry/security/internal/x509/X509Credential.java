package org.gantry.security.internal.x509;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A private key with its certificate chain (leaf first): the host credential, or a credential
 * delegated by a client. {@link #keyManager()} hands it to an {@code SSLEngine}.
 */
public final class X509Credential {

    private final PrivateKey privateKey;
    private final X509Certificate[] chain;

    public X509Credential(PrivateKey privateKey, X509Certificate[] chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain.length == 0) {
            throw new IllegalArgumentException("a credential needs at least its own certificate");
        }
        this.chain = chain.clone();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The chain, leaf first (a copy). */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public X509Certificate certificate() {
        return chain[0];
    }

    /** The leaf's subject in slash form. */
    public String subject() {
        return DistinguishedNames.slashForm(chain[0].getSubjectX500Principal());
    }

    /** A key manager that always presents this credential, whatever the peer asks for. */
    public X509ExtendedKeyManager keyManager() {
        return new SingleCredentialKeyManager(this);
    }

    @Override
    public String toString() {
        return "X509Credential[" + subject() + ", chain of " + chain.length + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X509Credential that && privateKey.equals(that.privateKey)
                && Arrays.equals(chain, that.chain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(privateKey, Arrays.hashCode(chain));
    }
}
