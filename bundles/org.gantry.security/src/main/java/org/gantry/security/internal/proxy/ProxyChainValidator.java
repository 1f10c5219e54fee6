package org.gantry.security.internal.proxy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.gantry.security.internal.trust.EecPathValidator;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * Validates a client's certificate chain (leaf first, as TLS delivers it): the proxies down to the
 * end-entity certificate, which must lead to a trust anchor of the CA directory, pass the CRLs
 * and its CA's signing policy ({@link EecPathValidator}); each proxy must follow
 * {@link ProxyRules}; across the chain:
 * <ul>
 * <li>path length: a proxy's {@code pCPathLenConstraint} bounds the proxies below it;</li>
 * <li>one format only: RFC 3820, GT3-draft and legacy proxies are not mixed;</li>
 * <li>limited is inherited, so a limited proxy may only issue limited (or independent) ones;</li>
 * <li>independent proxies are accepted but carry no identity rights
 *     ({@link ValidatedChain#authorizedIdentity()}).</li>
 * </ul>
 * Certificates after the end-entity one (CA certificates some clients send) only help to build
 * the path; they are not trusted for it.
 */
public final class ProxyChainValidator {

    private final EecPathValidator eecValidator;
    private final Clock clock;

    public ProxyChainValidator(EecPathValidator eecValidator, Clock clock) {
        this.eecValidator = eecValidator;
        this.clock = clock;
    }

    public ValidatedChain validate(X509Certificate[] chain) throws ChainRefusedException {
        if (chain == null || chain.length == 0) {
            throw new ChainRefusedException("no client certificate");
        }
        Date now = Date.from(clock.instant());
        List<X509Certificate> proxies = new ArrayList<>();
        List<ProxyKind> kinds = new ArrayList<>();
        int eecIndex = 0;
        for (; eecIndex < chain.length; eecIndex++) {
            Optional<ProxyKind> kind = ProxyClassifier.kindOf(chain[eecIndex]);
            if (kind.isEmpty()) {
                break;
            }
            proxies.add(chain[eecIndex]);
            kinds.add(kind.get());
        }
        if (eecIndex == chain.length) {
            throw new ChainRefusedException("the chain holds proxies only, no end-entity certificate");
        }
        X509Certificate eec = chain[eecIndex];
        List<X509Certificate> trustPath =
                eecValidator.validate(eec, List.of(chain).subList(eecIndex + 1, chain.length), now);
        boolean limited = checkProxies(proxies, kinds, eec, now);
        boolean independent = kinds.stream().anyMatch(k -> k.policy() == ProxyKind.Policy.INDEPENDENT);
        ProxyKind leafKind = kinds.isEmpty() ? ProxyKind.END_ENTITY : kinds.get(0);
        return new ValidatedChain(DistinguishedNames.slashForm(eec.getSubjectX500Principal()), eec, proxies,
                trustPath, leafKind, limited, independent);
    }

    /** Walks from the end-entity certificate to the leaf; returns whether the chain is limited. */
    private static boolean checkProxies(List<X509Certificate> proxies, List<ProxyKind> kinds, X509Certificate eec,
            Date now) throws ChainRefusedException {
        boolean limited = false;
        X509Certificate issuer = eec;
        for (int i = proxies.size() - 1; i >= 0; i--) {
            X509Certificate proxy = proxies.get(i);
            ProxyKind kind = kinds.get(i);
            String subject = DistinguishedNames.slashForm(proxy.getSubjectX500Principal());
            ProxyRules.check(proxy, kind, issuer, now);
            if (kind.format() != kinds.get(kinds.size() - 1).format()) {
                throw new ChainRefusedException("proxy " + subject + " is a " + kind.description()
                        + " in a chain of " + kinds.get(kinds.size() - 1).description() + "s; formats cannot be mixed");
            }
            if (limited && kind.policy() == ProxyKind.Policy.IMPERSONATION) {
                throw new ChainRefusedException("proxy " + subject + " is a full proxy issued by a limited proxy");
            }
            limited |= kind.policy() == ProxyKind.Policy.LIMITED;
            OptionalInt pathLength = ProxyCertInfo.of(proxy).map(ProxyCertInfo::pathLength).orElse(OptionalInt.empty());
            if (pathLength.isPresent() && i > pathLength.getAsInt()) {
                throw new ChainRefusedException("proxy " + subject + " allows at most " + pathLength.getAsInt()
                        + " proxies after it, but the chain has " + i);
            }
            issuer = proxy;
        }
        return limited;
    }
}
