package org.gantry.security.internal.x509;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Loads a credential from PEM files: the host certificate (with any intermediate CA certificates
 * after it) and its unencrypted private key, or a proxy file that holds both (certificate, key,
 * issuer chain). Refuses, with the file named in the message: a key file that group or others
 * may access, a missing or encrypted key, a key that does not belong to the first certificate,
 * and a certificate that is not valid now.
 */
public final class CredentialLoader {

    private CredentialLoader() {
    }

    /** A host credential from a certificate file and a key file (they may be the same file). */
    public static X509Credential load(Path certificateFile, Path keyFile) throws CredentialException {
        KeyFilePermissions.requireOwnerOnly(keyFile);
        List<X509Certificate> chain = PemFile.read(certificateFile).certificates();
        if (chain.isEmpty()) {
            throw new CredentialException(certificateFile + " holds no certificate");
        }
        PrivateKey key = PemFile.read(keyFile).privateKey().orElseThrow(
                () -> new CredentialException(keyFile + " holds no private key"));
        return checked(key, chain, certificateFile);
    }

    /** A credential from one file holding the certificate chain and the key (a proxy file). */
    public static X509Credential load(Path credentialFile) throws CredentialException {
        return load(credentialFile, credentialFile);
    }

    private static X509Credential checked(PrivateKey key, List<X509Certificate> chain, Path certificateFile)
            throws CredentialException {
        X509Certificate leaf = chain.get(0);
        String subject = DistinguishedNames.slashForm(leaf.getSubjectX500Principal());
        if (!KeyPairCheck.matches(key, leaf.getPublicKey())) {
            throw new CredentialException("the private key does not belong to the certificate " + subject
                    + " in " + certificateFile);
        }
        try {
            leaf.checkValidity(new Date());
        } catch (CertificateExpiredException e) {
            throw new CredentialException("certificate " + subject + " in " + certificateFile + " expired on "
                    + leaf.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new CredentialException("certificate " + subject + " in " + certificateFile
                    + " is not valid before " + leaf.getNotBefore().toInstant(), e);
        }
        return new X509Credential(key, new ArrayList<>(chain).toArray(X509Certificate[]::new));
    }
}
