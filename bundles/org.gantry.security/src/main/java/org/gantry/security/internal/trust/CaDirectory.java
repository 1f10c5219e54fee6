package org.gantry.security.internal.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import org.gantry.security.internal.file.Reloading;
import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.PemFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust anchors from an IGTF-style CA directory ({@code X509_CERT_DIR},
 * {@code /etc/grid-security/certificates}): {@code <hash>.<n>} CA certificates,
 * {@code <hash>.r<n>} CRLs and {@code <hash>.signing_policy} files, all PEM. Other files
 * ({@code .namespaces}, {@code .info}, {@code .crl_url}) are ignored: namespaces are not enforced,
 * signing policies are.
 *
 * <p>The directory is read again on the first use after any of its files changed (see
 * {@link Reloading} for why on use rather than with a watcher), so new CAs and CRLs from
 * fetch-crl count without a restart. A file that cannot be read is skipped with a warning; the
 * others still count.
 */
public final class CaDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CaDirectory.class);
    private static final Pattern CA_FILE = Pattern.compile("([0-9a-f]{8})\\.\\d+");
    private static final Pattern CRL_FILE = Pattern.compile("([0-9a-f]{8})\\.r\\d+");
    private static final Pattern POLICY_FILE = Pattern.compile("([0-9a-f]{8})\\.signing_policy");

    private final Reloading<TrustSnapshot> snapshot;

    /**
     * @param requireSigningPolicy refuse certificates issued by a CA that has no signing policy
     *                             (what the Globus server does); {@code false} checks only the
     *                             policies that exist
     */
    public CaDirectory(Path directory, boolean requireSigningPolicy) {
        this.snapshot = new Reloading<>(directory, dir -> load(dir, requireSigningPolicy));
    }

    public Path directory() {
        return snapshot.path();
    }

    /** The trust material as it is now (re-read if the directory changed). */
    public TrustSnapshot current() {
        return snapshot.get();
    }

    static TrustSnapshot load(Path dir, boolean requireSigningPolicy) {
        Map<X509Certificate, Set<String>> hashesByCa = new LinkedHashMap<>();
        Map<X500Principal, List<X509CRL>> crls = new HashMap<>();
        List<SigningPolicy> policies = new ArrayList<>();
        Map<String, String> brokenPolicies = new HashMap<>();
        for (Path file : files(dir)) {
            String name = file.getFileName().toString();
            Matcher ca = CA_FILE.matcher(name);
            Matcher crl = CRL_FILE.matcher(name);
            Matcher policy = POLICY_FILE.matcher(name);
            try {
                if (ca.matches()) {
                    for (X509Certificate cert : PemFile.read(file).certificates()) {
                        hashesByCa.computeIfAbsent(cert, c -> new HashSet<>()).add(ca.group(1));
                    }
                } else if (crl.matches()) {
                    for (X509CRL list : PemFile.read(file).crls()) {
                        List<X509CRL> ofIssuer = crls.computeIfAbsent(list.getIssuerX500Principal(), i -> new ArrayList<>());
                        if (!ofIssuer.contains(list)) { // stored under both hashes, like the CA
                            ofIssuer.add(list);
                        }
                    }
                } else if (policy.matches()) {
                    policies.add(readPolicy(file, policy.group(1), brokenPolicies));
                }
            } catch (CredentialException e) {
                LOG.warn("CA directory: skipping {}", e.getMessage());
            }
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate cert : hashesByCa.keySet()) {
            if (TrustSnapshot.isSelfSigned(cert)) {
                anchors.add(new TrustAnchor(cert, null));
            } else {
                intermediates.add(cert);
            }
        }
        LOG.info("CA directory {}: {} trust anchor(s), {} intermediate CA(s), {} CRL issuer(s), {} signing"
                + " polic(ies)", dir, anchors.size(), intermediates.size(), crls.size(), policies.size());
        return new TrustSnapshot(anchors, intermediates, crls, policies, brokenPolicies, hashesByCa,
                requireSigningPolicy);
    }

    private static SigningPolicy readPolicy(Path file, String hash, Map<String, String> brokenPolicies)
            throws CredentialException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            brokenPolicies.put(hash, "unreadable: " + e.getMessage());
            throw new CredentialException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return SigningPolicyParser.parse(text);
        } catch (IllegalArgumentException e) {
            brokenPolicies.put(hash, e.getMessage());
            throw new CredentialException(file + " is not a valid signing policy: " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.warn("CA directory {} cannot be read ({}); no CA is trusted", dir, e.toString());
            return List.of();
        }
    }
}
