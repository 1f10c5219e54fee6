package org.gantry.security.internal.voms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.PemFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VOMS servers whose attribute certificates count: their certificates, as in the classic
 * {@code vomsdir} layout (PEM files of VOMS server certificates, in the directory or one level
 * below it, e.g. {@code vomsdir/atlas/voms.example.org.pem}). An AC counts only if its issuer is
 * one of these certificates and its signature verifies with that certificate's key; otherwise
 * any user could write himself an AC with any FQAN into his own proxy.
 *
 * <p>Not supported yet: {@code .lsc} files (DN chains checked against the CA directory instead
 * of pinned certificates).
 */
public final class VomsTrust {

    private static final Logger LOG = LoggerFactory.getLogger(VomsTrust.class);

    private final List<X509Certificate> servers;

    public VomsTrust(List<X509Certificate> servers) {
        this.servers = List.copyOf(servers);
    }

    /** The VOMS server certificates of {@code vomsdir} (an empty trust if it cannot be read). */
    public static VomsTrust fromDirectory(Path vomsdir) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(vomsdir, 2)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                try {
                    certificates.addAll(PemFile.read(file).certificates());
                } catch (CredentialException e) {
                    LOG.warn("vomsdir: skipping {}", e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            LOG.warn("vomsdir {} cannot be read ({}); no VOMS attributes are trusted", vomsdir, e.toString());
        }
        return new VomsTrust(certificates);
    }

    /** The trusted server that signed {@code ac}, if any is valid at {@code now}. */
    Optional<X509Certificate> signerOf(X509AttributeCertificateHolder ac, Date now) {
        X500Name[] issuerNames = ac.getIssuer().getNames();
        for (X509Certificate server : servers) {
            X500Name subject = X500Name.getInstance(server.getSubjectX500Principal().getEncoded());
            boolean named = Stream.of(issuerNames).anyMatch(subject::equals);
            if (named && !server.getNotAfter().before(now) && !server.getNotBefore().after(now)
                    && signatureVerifies(ac, server)) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    private static boolean signatureVerifies(X509AttributeCertificateHolder ac, X509Certificate server) {
        try {
            return ac.isSignatureValid(new JcaContentVerifierProviderBuilder().build(server));
        } catch (CertException | OperatorCreationException e) {
            return false;
        }
    }
}
