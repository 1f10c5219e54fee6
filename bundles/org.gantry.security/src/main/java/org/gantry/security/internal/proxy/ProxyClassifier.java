package org.gantry.security.internal.proxy;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.gantry.security.internal.x509.ChainRefusedException;

/**
 * Tells proxies from end-entity certificates and which flavour they are. RFC 3820 and GT3-draft
 * proxies say so in their extension; a legacy (GT2) proxy has none and is recognised by its
 * subject: its issuer's subject plus {@code CN=proxy} or {@code CN=limited proxy}.
 */
public final class ProxyClassifier {

    static final String LEGACY_FULL_CN = "proxy";
    static final String LEGACY_LIMITED_CN = "limited proxy";

    private ProxyClassifier() {
    }

    /** The proxy kind of {@code cert}, or empty if it is no proxy. */
    public static Optional<ProxyKind> kindOf(X509Certificate cert) throws ChainRefusedException {
        Optional<ProxyCertInfo> info = ProxyCertInfo.of(cert);
        if (info.isPresent()) {
            return Optional.of(ProxyKind.of(info.get().format(), info.get().policy(cert)));
        }
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        X500Name issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
        if (!extendsByOneCn(subject, issuer)) {
            return Optional.empty();
        }
        String cn = lastCn(subject);
        if (LEGACY_FULL_CN.equals(cn)) {
            return Optional.of(ProxyKind.LEGACY_FULL);
        }
        if (LEGACY_LIMITED_CN.equals(cn)) {
            return Optional.of(ProxyKind.LEGACY_LIMITED);
        }
        return Optional.empty();
    }

    /** Whether {@code subject} is {@code issuer} plus exactly one single-valued CN RDN. */
    static boolean extendsByOneCn(X500Name subject, X500Name issuer) {
        RDN[] subjectRdns = subject.getRDNs();
        RDN[] issuerRdns = issuer.getRDNs();
        if (subjectRdns.length != issuerRdns.length + 1) {
            return false;
        }
        RDN last = subjectRdns[subjectRdns.length - 1];
        if (last.isMultiValued() || !BCStyle.CN.equals(last.getFirst().getType())) {
            return false;
        }
        return new X500Name(Arrays.copyOf(subjectRdns, issuerRdns.length)).equals(issuer);
    }

    private static String lastCn(X500Name subject) {
        RDN[] rdns = subject.getRDNs();
        return rdns[rdns.length - 1].getFirst().getValue() instanceof ASN1String text ? text.getString() : null;
    }
}
