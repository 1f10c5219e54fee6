package org.gantry.security.internal.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * Checks a validated path against the CRLs of the CA directory, as the Globus server does: a CA
 * without a CRL file is not checked, a CRL that does not verify or has passed its next update
 * refuses every certificate of its CA, a listed serial number refuses that certificate.
 *
 * <p>Done here rather than with the JDK's {@code PKIXRevocationChecker}: that one either fails
 * every CA that has no CRL or (soft-fail) silently accepts expired CRLs, and its messages do not
 * say which file to fix. Signatures are still verified by the JDK ({@code X509CRL.verify}).
 */
final class CrlCheck {

    private CrlCheck() {
    }

    /** @param path the certificates, each followed by its issuer, ending with the trust anchor */
    static void check(List<X509Certificate> path, TrustSnapshot trust, Date now) throws ChainRefusedException {
        for (int i = 0; i + 1 < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = path.get(i + 1);
            for (X509CRL crl : trust.crlsOf(issuer.getSubjectX500Principal())) {
                check(cert, issuer, crl, now);
            }
        }
    }

    private static void check(X509Certificate cert, X509Certificate issuer, X509CRL crl, Date now)
            throws ChainRefusedException {
        String ca = DistinguishedNames.slashForm(issuer.getSubjectX500Principal());
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new ChainRefusedException("the CRL of CA " + ca + " does not verify with the CA's key ("
                    + e.getMessage() + ")", e);
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().before(now)) {
            throw new ChainRefusedException("the CRL of CA " + ca + " expired on "
                    + crl.getNextUpdate().toInstant() + "; the CA directory needs a fresh CRL");
        }
        X509CRLEntry entry = crl.getRevokedCertificate(cert);
        if (entry != null) {
            throw new ChainRefusedException("certificate " + DistinguishedNames.slashForm(cert.getSubjectX500Principal())
                    + " (serial " + cert.getSerialNumber() + ") was revoked by CA " + ca + " on "
                    + entry.getRevocationDate().toInstant());
        }
    }
}
