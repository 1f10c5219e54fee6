package org.gantry.security.internal.trust;

import java.security.cert.X509Certificate;
import java.util.List;

import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * Checks every CA-issued certificate of a validated path against its CA's signing policy: the
 * end-entity certificate and any subordinate CA certificate alike, as Globus does.
 */
final class SigningPolicyCheck {

    private SigningPolicyCheck() {
    }

    /** @param path the certificates, each followed by its issuer, ending with the trust anchor */
    static void check(List<X509Certificate> path, TrustSnapshot trust) throws ChainRefusedException {
        for (int i = 0; i + 1 < path.size(); i++) {
            check(path.get(i), path.get(i + 1), trust);
        }
    }

    private static void check(X509Certificate cert, X509Certificate ca, TrustSnapshot trust)
            throws ChainRefusedException {
        String caDn = DistinguishedNames.slashForm(ca.getSubjectX500Principal());
        String subject = DistinguishedNames.slashForm(cert.getSubjectX500Principal());
        var broken = trust.brokenPolicyOf(ca);
        if (broken.isPresent()) {
            throw new ChainRefusedException("CA " + caDn + " may not sign anything: its signing policy is invalid ("
                    + broken.get() + ")");
        }
        List<SigningPolicy> policies = trust.policiesOf(ca);
        if (policies.isEmpty()) {
            if (trust.requireSigningPolicy()) {
                throw new ChainRefusedException("CA " + caDn + " has no signing policy in the CA directory, so"
                        + " it may not sign " + subject);
            }
            return;
        }
        if (policies.stream().noneMatch(policy -> policy.permits(caDn, subject))) {
            List<String> allowed = policies.stream().flatMap(policy -> policy.patternsFor(caDn).stream()).toList();
            throw new ChainRefusedException("CA " + caDn + " may not sign " + subject + ": its signing policy"
                    + " allows only " + allowed);
        }
    }
}
