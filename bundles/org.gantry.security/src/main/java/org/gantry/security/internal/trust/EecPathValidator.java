package org.gantry.security.internal.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * Validates an end-entity certificate up to a trust anchor of the CA directory: the JDK's PKIX
 * path builder (signatures, validity, CA constraints, name constraints), then the directory's
 * CRLs ({@link CrlCheck}) and signing policies ({@link SigningPolicyCheck}).
 */
public final class EecPathValidator {

    private final CaDirectory caDirectory;

    public EecPathValidator(CaDirectory caDirectory) {
        this.caDirectory = caDirectory;
    }

    /**
     * @param eec        the end-entity certificate
     * @param peerCerts  other certificates the peer sent (intermediate CAs may be among them)
     * @return the path: {@code eec}, its issuers, ending with the trust anchor's certificate
     */
    public List<X509Certificate> validate(X509Certificate eec, Collection<X509Certificate> peerCerts, Date now)
            throws ChainRefusedException {
        TrustSnapshot trust = caDirectory.current();
        String subject = DistinguishedNames.slashForm(eec.getSubjectX500Principal());
        if (eec.getBasicConstraints() >= 0) {
            throw new ChainRefusedException("certificate " + subject + " is a CA certificate, not a user or host"
                    + " certificate");
        }
        if (eec.getNotAfter().before(now)) {
            throw new ChainRefusedException("certificate " + subject + " expired on " + eec.getNotAfter().toInstant());
        }
        if (eec.getNotBefore().after(now)) {
            throw new ChainRefusedException("certificate " + subject + " is not valid before "
                    + eec.getNotBefore().toInstant());
        }
        List<X509Certificate> path = buildPath(eec, peerCerts, trust, now, subject);
        CrlCheck.check(path, trust, now);
        SigningPolicyCheck.check(path, trust);
        return path;
    }

    private static List<X509Certificate> buildPath(X509Certificate eec, Collection<X509Certificate> peerCerts,
            TrustSnapshot trust, Date now, String subject) throws ChainRefusedException {
        if (trust.anchors().isEmpty()) {
            throw new ChainRefusedException("no CA is trusted (the CA directory holds no CA certificate)");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(eec);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trust.anchors(), target);
            List<X509Certificate> candidates = new ArrayList<>(peerCerts);
            candidates.addAll(trust.intermediates());
            candidates.add(eec);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            params.setRevocationEnabled(false); // CrlCheck does it, see there
            params.setDate(now);
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(cert -> path.add((X509Certificate) cert));
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (CertPathBuilderException e) {
            throw new ChainRefusedException(whyNoPath(eec, peerCerts, trust, subject), e);
        } catch (GeneralSecurityException e) {
            throw new ChainRefusedException("cannot validate certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's builder only says "unable to find valid certification path"; say which link broke,
     * following the issuers through the certificates the peer sent up to the directory's CAs.
     */
    private static String whyNoPath(X509Certificate eec, Collection<X509Certificate> peerCerts, TrustSnapshot trust,
            String subject) {
        X509Certificate cert = eec;
        for (int depth = 0; depth <= peerCerts.size(); depth++) {
            X500Principal issuer = cert.getIssuerX500Principal();
            String issuerDn = DistinguishedNames.slashForm(issuer);
            String link = depth == 0 ? " is issued by " : " chains up to ";
            List<X509Certificate> trusted = trust.casNamed(issuer);
            if (!trusted.isEmpty()) {
                X509Certificate signed = cert;
                return trusted.stream().anyMatch(ca -> verifies(signed, ca))
                        ? "certificate " + subject + " does not lead to a trusted CA through " + issuerDn
                                + " (a CA certificate on the way is expired, not a CA, or not trusted)"
                        : "certificate " + subject + link + issuerDn + ", but the signature does not verify with the"
                                + " key of the trusted CA of that name (signed by an untrusted CA of the same name?)";
            }
            X509Certificate signed = cert;
            X509Certificate next = peerCerts.stream().filter(c -> c.getSubjectX500Principal().equals(issuer))
                    .filter(c -> verifies(signed, c)).findFirst().orElse(null);
            if (next == null || next.equals(cert) || TrustSnapshot.isSelfSigned(next)) {
                return "certificate " + subject + link + issuerDn + ", which is not a trusted CA (not in the CA directory)";
            }
            cert = next;
        }
        return "certificate " + subject + " does not lead to a trusted CA";
    }

    private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
