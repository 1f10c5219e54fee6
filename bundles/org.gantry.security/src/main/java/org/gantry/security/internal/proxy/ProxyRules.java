package org.gantry.security.internal.proxy;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * The rules every single proxy certificate must follow (RFC 3820 §3–4, protocol.md §6.3): issued
 * and signed by the certificate before it, subject = issuer subject + one CN, not a CA, key usage
 * allowing signatures but not certificate signing, valid now and within its issuer's lifetime,
 * no critical extension we do not understand. Chain-wide rules (path length, limited-ness,
 * mixing formats) are {@link ProxyChainValidator}'s.
 */
final class ProxyRules {

    /**
     * How much earlier than its issuer a proxy may start. grid-proxy-init and voms-proxy-init
     * back-date proxies by five minutes against clock skew, so a proxy made right after its
     * end-entity certificate starts before it; the end is checked strictly.
     */
    static final Duration NOT_BEFORE_SKEW = Duration.ofMinutes(5);

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    /** Extensions a proxy may mark critical: key usage, basic constraints, EKU and the proxy ones. */
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.15", "2.5.29.19", "2.5.29.37",
            ProxyCertInfo.RFC3820_OID, ProxyCertInfo.GT3_DRAFT_OID);

    private ProxyRules() {
    }

    static void check(X509Certificate proxy, ProxyKind kind, X509Certificate issuer, Date now)
            throws ChainRefusedException {
        String subject = dn(proxy);
        String issuerDn = dn(issuer);
        if (!proxy.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new ChainRefusedException("proxy " + subject + " names " + dn(proxy.getIssuerX500Principal())
                    + " as its issuer, but the certificate before it is " + issuerDn);
        }
        try {
            proxy.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new ChainRefusedException("the signature of proxy " + subject + " does not verify with the key of "
                    + issuerDn, e);
        }
        if (!ProxyClassifier.extendsByOneCn(name(proxy.getSubjectX500Principal()), name(issuer.getSubjectX500Principal()))) {
            throw new ChainRefusedException("proxy subject " + subject + " is not its issuer's subject " + issuerDn
                    + " plus one CN");
        }
        if (proxy.getBasicConstraints() >= 0) {
            throw new ChainRefusedException("proxy " + subject + " claims to be a CA");
        }
        checkKeyUsage(proxy, subject, issuer, issuerDn);
        checkValidity(proxy, subject, issuer, now);
        checkCriticalExtensions(proxy, kind, subject);
    }

    private static void checkKeyUsage(X509Certificate proxy, String subject, X509Certificate issuer, String issuerDn)
            throws ChainRefusedException {
        boolean[] usage = proxy.getKeyUsage();
        if (usage != null && (usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE])) {
            throw new ChainRefusedException("proxy " + subject + " has a key usage without digitalSignature");
        }
        if (usage != null && usage.length > KEY_CERT_SIGN && usage[KEY_CERT_SIGN]) {
            throw new ChainRefusedException("proxy " + subject + " has a key usage with keyCertSign");
        }
        boolean[] issuerUsage = issuer.getKeyUsage();
        if (issuerUsage != null && !issuerUsage[DIGITAL_SIGNATURE]) {
            throw new ChainRefusedException(issuerDn + " may not sign proxies (its key usage lacks digitalSignature)");
        }
    }

    private static void checkValidity(X509Certificate proxy, String subject, X509Certificate issuer, Date now)
            throws ChainRefusedException {
        if (proxy.getNotAfter().before(now)) {
            throw new ChainRefusedException("proxy " + subject + " expired on " + proxy.getNotAfter().toInstant());
        }
        if (proxy.getNotBefore().after(now)) {
            throw new ChainRefusedException("proxy " + subject + " is not valid before "
                    + proxy.getNotBefore().toInstant());
        }
        if (proxy.getNotAfter().after(issuer.getNotAfter())) {
            throw new ChainRefusedException("proxy " + subject + " is valid until " + proxy.getNotAfter().toInstant()
                    + ", after its issuer expires (" + issuer.getNotAfter().toInstant() + ")");
        }
        if (proxy.getNotBefore().toInstant().isBefore(issuer.getNotBefore().toInstant().minus(NOT_BEFORE_SKEW))) {
            throw new ChainRefusedException("proxy " + subject + " is valid from " + proxy.getNotBefore().toInstant()
                    + ", before its issuer (" + issuer.getNotBefore().toInstant() + ")");
        }
    }

    private static void checkCriticalExtensions(X509Certificate proxy, ProxyKind kind, String subject)
            throws ChainRefusedException {
        Set<String> critical = proxy.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                    throw new ChainRefusedException("proxy " + subject + " has the unknown critical extension " + oid);
                }
            }
        }
        if (kind.format() == ProxyKind.Format.RFC3820
                && (critical == null || !critical.contains(ProxyCertInfo.RFC3820_OID))) {
            throw new ChainRefusedException("proxy " + subject + " has a proxyCertInfo extension that is not critical"
                    + " (RFC 3820 requires it)");
        }
    }

    private static X500Name name(javax.security.auth.x500.X500Principal principal) {
        return X500Name.getInstance(principal.getEncoded());
    }

    private static String dn(X509Certificate cert) {
        return dn(cert.getSubjectX500Principal());
    }

    private static String dn(javax.security.auth.x500.X500Principal principal) {
        return DistinguishedNames.slashForm(principal);
    }
}
