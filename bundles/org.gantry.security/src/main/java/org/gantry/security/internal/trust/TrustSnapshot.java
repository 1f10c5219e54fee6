package org.gantry.security.internal.trust;

import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * The content of a CA directory at one moment; immutable, so a validation in progress never sees
 * half a reload.
 *
 * @param anchors                the self-signed CA certificates: where every trusted path ends
 * @param intermediates          subordinate CA certificates, for building paths to an anchor
 * @param crls                   CRLs by issuer
 * @param policies               the signing policies that parsed
 * @param brokenPolicies         hash → parse error, for {@code <hash>.signing_policy} files that did
 *                               not parse: the CAs stored under that hash get no rights
 * @param hashesByCa             CA certificate → the hashes it is stored under
 * @param requireSigningPolicy   whether a CA without a signing policy may sign at all
 */
public record TrustSnapshot(Set<TrustAnchor> anchors, List<X509Certificate> intermediates, Map<X500Principal, List<X509CRL>> crls,
        List<SigningPolicy> policies, Map<String, String> brokenPolicies,
        Map<X509Certificate, Set<String>> hashesByCa, boolean requireSigningPolicy) {

    public TrustSnapshot {
        anchors = Set.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crls = Map.copyOf(crls);
        policies = List.copyOf(policies);
        brokenPolicies = Map.copyOf(brokenPolicies);
        hashesByCa = Map.copyOf(hashesByCa);
    }

    public List<X509CRL> crlsOf(X500Principal issuer) {
        return crls.getOrDefault(issuer, List.of());
    }

    /** The directory's CA certificates whose subject is {@code subject}. */
    public List<X509Certificate> casNamed(X500Principal subject) {
        List<X509Certificate> found = new ArrayList<>();
        anchors.stream().map(TrustAnchor::getTrustedCert).filter(c -> c.getSubjectX500Principal().equals(subject))
                .forEach(found::add);
        intermediates.stream().filter(c -> c.getSubjectX500Principal().equals(subject)).forEach(found::add);
        return found;
    }

    /** The policies that speak about {@code ca}. */
    public List<SigningPolicy> policiesOf(X509Certificate ca) {
        String caDn = DistinguishedNames.slashForm(ca.getSubjectX500Principal());
        return policies.stream().filter(policy -> policy.covers(caDn)).toList();
    }

    /** Why {@code ca}'s signing policy file did not parse, if it did not. */
    public Optional<String> brokenPolicyOf(X509Certificate ca) {
        return hashesByCa.getOrDefault(ca, Set.of()).stream().filter(brokenPolicies::containsKey)
                .map(hash -> hash + ".signing_policy: " + brokenPolicies.get(hash)).findFirst();
    }

    static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
