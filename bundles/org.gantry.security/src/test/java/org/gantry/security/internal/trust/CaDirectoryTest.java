package org.gantry.security.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaDirectoryTest {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.get();

    @Test
    void readsTheCaOnceThoughItIsStoredUnderTwoHashes() throws Exception {
        assertEquals(2, pki.caDirFiles(".0").size());
        TrustSnapshot trust = new CaDirectory(pki.caDir(), true).current();
        assertEquals(1, trust.anchors().size());
        assertEquals(pki.caCertificate(), trust.anchors().iterator().next().getTrustedCert());
        assertTrue(trust.intermediates().isEmpty());
        assertEquals(2, trust.policiesOf(pki.caCertificate()).size());
        assertTrue(trust.crlsOf(pki.caCertificate().getSubjectX500Principal()).isEmpty());
    }

    @Test
    void picksUpNewCrlsAndCasWithoutRestart() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        CaDirectory directory = new CaDirectory(caDir, true);
        TrustSnapshot before = directory.current();
        assertTrue(directory.current() == before, "no change, no reload");

        TrustFixture.installCrl(pki, caDir, TestCerts.crl(pki.caCertificate(), pki.caKey(), Duration.ofDays(1),
                BigInteger.TEN));
        TrustSnapshot withCrl = directory.current();
        assertEquals(1, withCrl.crlsOf(pki.caCertificate().getSubjectX500Principal()).size());

        TestCerts.Issued other = TestCerts.ca("/DC=test/CN=Second CA");
        TestCerts.writePem(caDir.resolve("0badcafe.0"), other.certificate());
        assertEquals(2, directory.current().anchors().size());
    }

    @Test
    void aBrokenSigningPolicyIsRememberedForItsCa() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        for (String policy : pki.caDirFiles(".signing_policy")) {
            Files.writeString(caDir.resolve(policy), "access_id_CA X509 '" + TestPki.CA_DN + "'\nneg_rights x y\n");
        }
        TrustSnapshot trust = new CaDirectory(caDir, true).current();
        assertTrue(trust.policiesOf(pki.caCertificate()).isEmpty());
        assertTrue(trust.brokenPolicyOf(pki.caCertificate()).orElseThrow().contains("neg_rights"));
    }

    @Test
    void aMissingDirectoryTrustsNobody() {
        TrustSnapshot trust = new CaDirectory(dir.resolve("absent"), true).current();
        assertTrue(trust.anchors().isEmpty());
    }
}
