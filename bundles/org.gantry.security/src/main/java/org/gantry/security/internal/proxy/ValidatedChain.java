package org.gantry.security.internal.proxy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A client chain that passed {@link ProxyChainValidator}.
 *
 * @param identity    the end-entity certificate's subject in slash form: who the client is
 * @param endEntity   the end-entity certificate
 * @param proxies     the proxies, leaf first (empty when the client used its certificate itself)
 * @param trustPath   the end-entity certificate, its CAs, ending with the trust anchor
 * @param kind        the leaf's kind ({@link ProxyKind#END_ENTITY} without proxies)
 * @param limited     some proxy in the chain is limited (limited-ness is inherited)
 * @param independent some proxy in the chain is independent: the chain carries none of the
 *                    identity's rights (RFC 3820 §2.5), so it must not be mapped to the identity's
 *                    account; see {@link #authorizedIdentity()}
 */
public record ValidatedChain(String identity, X509Certificate endEntity, List<X509Certificate> proxies,
        List<X509Certificate> trustPath, ProxyKind kind, boolean limited, boolean independent) {

    public ValidatedChain {
        proxies = List.copyOf(proxies);
        trustPath = List.copyOf(trustPath);
    }

    /**
     * The identity the chain may act as, for authorization: empty for an independent proxy,
     * whose rights are only those its own policy grants; Gantry evaluates no such policies.
     */
    public Optional<String> authorizedIdentity() {
        return independent ? Optional.empty() : Optional.of(identity);
    }

    /** The chain as the client sent it, leaf first, ending with the end-entity certificate. */
    public List<X509Certificate> clientChain() {
        List<X509Certificate> chain = new java.util.ArrayList<>(proxies);
        chain.add(endEntity);
        return List.copyOf(chain);
    }
}
