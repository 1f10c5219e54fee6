package org.gantry.security.internal.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;

import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;

/** Helpers for tests that change a copy of the PKI's CA directory. */
public final class TrustFixture {

    private TrustFixture() {
    }

    /** Writes {@code crl} as {@code <hash>.r0} for every hash the CA is stored under. */
    public static void installCrl(TestPki pki, Path caDir, X509CRL crl) throws IOException {
        for (String caFile : pki.caDirFiles(".0")) {
            TestCerts.writePem(caDir.resolve(caFile.replace(".0", ".r0")), crl);
        }
    }
}
