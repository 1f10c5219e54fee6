package org.gantry.security.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EecPathValidatorTest {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.get();

    private List<X509Certificate> validate(Path caDir, boolean requirePolicy, X509Certificate eec)
            throws ChainRefusedException {
        return new EecPathValidator(new CaDirectory(caDir, requirePolicy)).validate(eec, List.of(), new Date());
    }

    private String refusal(Path caDir, X509Certificate eec) {
        return assertThrows(ChainRefusedException.class, () -> validate(caDir, true, eec)).getMessage();
    }

    @Test
    void theUserAndHostCertificatesLeadToTheCa() throws Exception {
        assertEquals(List.of(pki.userCertificate(), pki.caCertificate()), validate(pki.caDir(), true, pki.userCertificate()));
        X509Certificate host = org.gantry.security.internal.x509.PemFile.read(pki.hostCertFile()).certificates().get(0);
        assertEquals(2, validate(pki.caDir(), true, host).size());
    }

    @Test
    void aRevokedCertificateIsRefused() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        TestCerts.Issued user = TestCerts.eec("/DC=test/DC=gridftp/CN=Revoked User", pki.caCertificate(), pki.caKey());
        assertEquals(2, validate(caDir, true, user.certificate()).size());
        TrustFixture.installCrl(pki, caDir, TestCerts.crl(pki.caCertificate(), pki.caKey(), Duration.ofDays(1),
                user.certificate().getSerialNumber()));
        String reason = refusal(caDir, user.certificate());
        assertTrue(reason.contains("/DC=test/DC=gridftp/CN=Revoked User (serial " + user.certificate().getSerialNumber()
                + ") was revoked by CA " + TestPki.CA_DN), reason);
        assertEquals(2, validate(caDir, true, pki.userCertificate()).size(), "others are not revoked");
    }

    @Test
    void anExpiredCrlRefusesItsCa() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        TrustFixture.installCrl(pki, caDir, TestCerts.crl(pki.caCertificate(), pki.caKey(), Duration.ofDays(-1)));
        assertTrue(refusal(caDir, pki.userCertificate()).contains("the CRL of CA " + TestPki.CA_DN + " expired"));
    }

    @Test
    void aCrlSignedByAnotherKeyIsRefused() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        TestCerts.Issued impostor = TestCerts.certificate(TestPki.CA_DN).ca(true).build();
        TrustFixture.installCrl(pki, caDir, TestCerts.crl(impostor.certificate(), impostor.privateKey(), Duration.ofDays(1)));
        assertTrue(refusal(caDir, pki.userCertificate()).contains("does not verify"));
    }

    @Test
    void aSubjectOutsideTheSigningPolicyIsRefused() throws Exception {
        TestCerts.Issued outsider = TestCerts.eec("/DC=test/DC=elsewhere/CN=Test User", pki.caCertificate(), pki.caKey());
        String reason = refusal(pki.caDir(), outsider.certificate());
        assertTrue(reason.contains("CA " + TestPki.CA_DN + " may not sign /DC=test/DC=elsewhere/CN=Test User"), reason);
        assertTrue(reason.contains("/DC=test/DC=gridftp/*"), reason);
    }

    @Test
    void aCaWithoutSigningPolicyMaySignOnlyWhenPoliciesAreNotRequired() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        for (String policy : pki.caDirFiles(".signing_policy")) {
            Files.delete(caDir.resolve(policy));
        }
        assertTrue(refusal(caDir, pki.userCertificate()).contains("has no signing policy"));
        assertEquals(2, validate(caDir, false, pki.userCertificate()).size());
    }

    @Test
    void untrustedIssuersAreNamed() throws Exception {
        TestCerts.Issued rogue = TestCerts.ca("/DC=test/DC=gridftp/CN=Rogue CA");
        TestCerts.Issued user = TestCerts.eec(TestPki.USER_DN, rogue.certificate(), rogue.privateKey());
        assertTrue(refusal(pki.caDir(), user.certificate()).contains("is issued by /DC=test/DC=gridftp/CN=Rogue CA,"
                + " which is not a trusted CA"));

        TestCerts.Issued sameName = TestCerts.ca(TestPki.CA_DN);
        TestCerts.Issued forged = TestCerts.eec(TestPki.USER_DN, sameName.certificate(), sameName.privateKey());
        assertTrue(refusal(pki.caDir(), forged.certificate()).contains("the signature does not verify with the key of the trusted CA of that name"));
    }

    @Test
    void caCertificatesAndExpiredCertificatesAreNoEndEntities() {
        assertTrue(refusal(pki.caDir(), pki.caCertificate()).contains("is a CA certificate"));
        TestCerts.Issued old = TestCerts.certificate("/DC=test/DC=gridftp/CN=Old User").issuedBy(pki.caCertificate(), pki.caKey())
                .validity(java.time.Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1)).build();
        assertTrue(refusal(pki.caDir(), old.certificate()).contains("expired on"));
    }
}
