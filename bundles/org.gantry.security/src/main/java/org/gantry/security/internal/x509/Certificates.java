package org.gantry.security.internal.x509;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** DER to the JDK's own certificate objects, which PKIX and JSSE expect. */
public final class Certificates {

    private Certificates() {
    }

    public static X509Certificate fromDer(byte[] der) throws CredentialException {
        return fromDer(der, "DER input");
    }

    static X509Certificate fromDer(byte[] der, String source) throws CredentialException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CredentialException(source + ": bad certificate: " + e.getMessage(), e);
        }
    }
}
