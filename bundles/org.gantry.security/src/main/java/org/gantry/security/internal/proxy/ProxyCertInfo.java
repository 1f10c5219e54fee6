package org.gantry.security.internal.proxy;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalInt;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * The {@code proxyCertInfo} extension of an RFC 3820 or GT3-draft proxy, parsed with Bouncy
 * Castle's ASN.1 classes:
 *
 * <pre>
 * ProxyCertInfo ::= SEQUENCE { pCPathLenConstraint INTEGER OPTIONAL, proxyPolicy ProxyPolicy }
 * ProxyPolicy   ::= SEQUENCE { policyLanguage OBJECT IDENTIFIER, policy OCTET STRING OPTIONAL }
 * </pre>
 *
 * GT3-draft proxies put the policy first and may tag the path length ({@code [1]}); both orders
 * are read.
 *
 * @param format         RFC 3820 or the GT3 draft
 * @param critical       whether the extension is marked critical (RFC 3820 requires it)
 * @param pathLength     how many proxies may follow this one, if limited
 * @param policyLanguage the policy language OID
 */
public record ProxyCertInfo(ProxyKind.Format format, boolean critical, OptionalInt pathLength, String policyLanguage) {

    public static final String RFC3820_OID = "1.3.6.1.5.5.7.1.14";
    public static final String GT3_DRAFT_OID = "1.3.6.1.4.1.3536.1.222";
    public static final String INHERIT_ALL = "1.3.6.1.5.5.7.21.1";
    public static final String INDEPENDENT = "1.3.6.1.5.5.7.21.2";
    public static final String GLOBUS_LIMITED = "1.3.6.1.4.1.3536.1.1.1.9";

    /** The extension of {@code cert}, if it has one. */
    public static Optional<ProxyCertInfo> of(X509Certificate cert) throws ChainRefusedException {
        byte[] rfc = cert.getExtensionValue(RFC3820_OID);
        byte[] draft = cert.getExtensionValue(GT3_DRAFT_OID);
        if (rfc != null && draft != null) {
            throw refused(cert, "carries both the RFC 3820 and the GT3-draft proxy extension");
        }
        if (rfc == null && draft == null) {
            return Optional.empty();
        }
        ProxyKind.Format format = rfc != null ? ProxyKind.Format.RFC3820 : ProxyKind.Format.GT3_DRAFT;
        String oid = rfc != null ? RFC3820_OID : GT3_DRAFT_OID;
        boolean critical = cert.getCriticalExtensionOIDs() != null && cert.getCriticalExtensionOIDs().contains(oid);
        try {
            return Optional.of(parse(format, critical, rfc != null ? rfc : draft));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw refused(cert, "has a malformed proxyCertInfo extension (" + e.getMessage() + ")");
        }
    }

    private static ProxyCertInfo parse(ProxyKind.Format format, boolean critical, byte[] extensionValue)
            throws IOException {
        byte[] der = ASN1OctetString.getInstance(extensionValue).getOctets();
        ASN1Sequence info = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        OptionalInt pathLength = OptionalInt.empty();
        String language = null;
        for (ASN1Encodable element : info) {
            ASN1Primitive value = element.toASN1Primitive();
            if (value instanceof ASN1TaggedObject tagged) {
                value = tagged.getBaseObject().toASN1Primitive();
            }
            if (value instanceof ASN1Integer integer) {
                pathLength = OptionalInt.of(integer.intValueExact());
            } else if (value instanceof ASN1Sequence policy) {
                language = ASN1ObjectIdentifier.getInstance(policy.getObjectAt(0)).getId();
            } else {
                throw new IllegalArgumentException("unexpected " + value.getClass().getSimpleName());
            }
        }
        if (language == null) {
            throw new IllegalArgumentException("no proxyPolicy");
        }
        return new ProxyCertInfo(format, critical, pathLength, language);
    }

    /** The policy this extension names; unknown languages are refused (we cannot honour them). */
    ProxyKind.Policy policy(X509Certificate cert) throws ChainRefusedException {
        return switch (policyLanguage) {
            case INHERIT_ALL -> ProxyKind.Policy.IMPERSONATION;
            case GLOBUS_LIMITED -> ProxyKind.Policy.LIMITED;
            case INDEPENDENT -> ProxyKind.Policy.INDEPENDENT;
            default -> throw refused(cert, "uses the unknown proxy policy language " + policyLanguage);
        };
    }

    private static ChainRefusedException refused(X509Certificate cert, String what) {
        return new ChainRefusedException("proxy " + DistinguishedNames.slashForm(cert.getSubjectX500Principal())
                + " " + what);
    }
}
