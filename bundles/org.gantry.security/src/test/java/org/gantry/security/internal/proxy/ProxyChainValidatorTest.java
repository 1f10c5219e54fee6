package org.gantry.security.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestCerts.Issued;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.gantry.security.internal.trust.TrustFixture;
import org.gantry.security.internal.x509.ChainRefusedException;
import org.gantry.security.internal.x509.PemFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyChainValidatorTest {

    private static TestPki pki;
    private static X509Certificate user;
    private static PrivateKey userKey;
    /** A second user of the trusted CA, made here so that its validity starts an hour ago. */
    private static Issued jane;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.get();
        user = pki.userCertificate();
        userKey = pki.userKey();
        jane = TestCerts.eec("/DC=test/DC=gridftp/CN=Jane Doe", pki.caCertificate(), pki.caKey());
    }

    private static ProxyChainValidator validator(Path caDir) {
        return new ProxyChainValidator(new EecPathValidator(new CaDirectory(caDir, true)), Clock.systemUTC());
    }

    private static ValidatedChain validate(X509Certificate... chain) throws ChainRefusedException {
        return validator(pki.caDir()).validate(chain);
    }

    private static String refusal(X509Certificate... chain) {
        return assertThrows(ChainRefusedException.class, () -> validate(chain)).getMessage();
    }

    @Test
    void theGridProxyInitProxyIsAnRfc3820ImpersonationProxy() throws Exception {
        PemFile proxyFile = pki.proxy();
        X509Certificate proxy = proxyFile.certificates().get(0);
        // The PKI script falls back to a plain certificate without grid-proxy-init: make sure it did not.
        assertTrue(proxy.getCriticalExtensionOIDs().contains(ProxyCertInfo.RFC3820_OID),
                "the PKI's proxy has no critical RFC 3820 proxyCertInfo extension; was grid-proxy-init used?");
        ValidatedChain chain = validate(proxyFile.certificates().toArray(X509Certificate[]::new));
        assertEquals(TestPki.USER_DN, chain.identity());
        assertEquals(ProxyKind.RFC3820_IMPERSONATION, chain.kind());
        assertEquals("RFC 3820 compliant impersonation proxy", chain.kind().description());
        assertFalse(chain.limited());
        assertEquals(Optional.of(TestPki.USER_DN), chain.authorizedIdentity());
        assertEquals(List.of(proxy), chain.proxies());
        assertEquals(List.of(user, pki.caCertificate()), chain.trustPath());
    }

    @Test
    void clientCaCertificatesAfterTheEndEntityAreAllowed() throws Exception {
        X509Certificate[] sent = pki.proxy().certificates().toArray(new X509Certificate[3]);
        sent[2] = pki.caCertificate();
        assertEquals(TestPki.USER_DN, validate(sent).identity());
    }

    @Test
    void anEndEntityCertificateAloneIsAccepted() throws Exception {
        ValidatedChain chain = validate(user);
        assertEquals(ProxyKind.END_ENTITY, chain.kind());
        assertEquals(TestPki.USER_DN, chain.identity());
    }

    @Test
    void limitedIsInheritedDownTheChain() throws Exception {
        Issued limited = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.GLOBUS_LIMITED, true).build();
        Issued below = TestCerts.proxyOf(limited.certificate(), limited.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.GLOBUS_LIMITED, true).build();
        ValidatedChain chain = validate(below.certificate(), limited.certificate(), jane.certificate());
        assertEquals(ProxyKind.RFC3820_LIMITED, chain.kind());
        assertTrue(chain.limited());
        assertEquals("/DC=test/DC=gridftp/CN=Jane Doe", chain.identity());

        Issued full = TestCerts.proxyOf(limited.certificate(), limited.privateKey()).build();
        assertTrue(refusal(full.certificate(), limited.certificate(), jane.certificate())
                .contains("is a full proxy issued by a limited proxy"));
    }

    @Test
    void legacyAndDraftProxiesAreRecognised() throws Exception {
        Issued legacy = TestCerts.legacyProxyOf(jane.certificate(), jane.privateKey(), false).build();
        assertEquals(ProxyKind.LEGACY_FULL, validate(legacy.certificate(), jane.certificate()).kind());
        Issued legacyLimited = TestCerts.legacyProxyOf(legacy.certificate(), legacy.privateKey(), true).build();
        ValidatedChain chain = validate(legacyLimited.certificate(), legacy.certificate(), jane.certificate());
        assertEquals(ProxyKind.LEGACY_LIMITED, chain.kind());
        assertTrue(chain.limited());

        Issued draft = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.GT3_DRAFT_OID, 3, ProxyCertInfo.INHERIT_ALL, true).build();
        assertEquals(ProxyKind.GT3_IMPERSONATION, validate(draft.certificate(), jane.certificate()).kind());
    }

    @Test
    void formatsAreNotMixed() {
        Issued rfc = TestCerts.proxyOf(jane.certificate(), jane.privateKey()).build();
        Issued legacy = TestCerts.legacyProxyOf(rfc.certificate(), rfc.privateKey(), false).build();
        assertTrue(refusal(legacy.certificate(), rfc.certificate(), jane.certificate()).contains("cannot be mixed"));
    }

    @Test
    void anIndependentProxyValidatesButCarriesNoIdentity() throws Exception {
        Issued independent = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INDEPENDENT, true).build();
        ValidatedChain chain = validate(independent.certificate(), jane.certificate());
        assertEquals(ProxyKind.RFC3820_INDEPENDENT, chain.kind());
        assertTrue(chain.independent());
        assertEquals(Optional.empty(), chain.authorizedIdentity());
    }

    @Test
    void anExpiredProxyIsRefused() {
        Issued expired = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .validity(Instant.now().minus(Duration.ofMinutes(50)), Duration.ofMinutes(20)).build();
        String reason = refusal(expired.certificate(), jane.certificate());
        assertTrue(reason.matches("proxy /DC=test/DC=gridftp/CN=Jane Doe/CN=\\d+ expired on .*"), reason);
    }

    @Test
    void aProxyOfAUserOfAnUntrustedCaIsRefused() {
        Issued rogueCa = TestCerts.ca("/DC=test/DC=rogue/CN=Rogue CA");
        Issued rogueUser = TestCerts.eec(TestPki.USER_DN, rogueCa.certificate(), rogueCa.privateKey());
        Issued proxy = TestCerts.proxyOf(rogueUser.certificate(), rogueUser.privateKey()).build();
        String reason = refusal(proxy.certificate(), rogueUser.certificate(), rogueCa.certificate());
        assertTrue(reason.contains("is issued by /DC=test/DC=rogue/CN=Rogue CA, which is not a trusted CA"), reason);
    }

    @Test
    void aProxyOfARevokedUserIsRefused() throws Exception {
        Path caDir = pki.copyCaDir(dir.resolve("certificates"));
        Issued proxy = TestCerts.proxyOf(jane.certificate(), jane.privateKey()).build();
        assertEquals("/DC=test/DC=gridftp/CN=Jane Doe", validator(caDir).validate(
                new X509Certificate[] {proxy.certificate(), jane.certificate()}).identity());
        TrustFixture.installCrl(pki, caDir, TestCerts.crl(pki.caCertificate(), pki.caKey(), Duration.ofDays(1),
                jane.certificate().getSerialNumber()));
        String reason = assertThrows(ChainRefusedException.class, () -> validator(caDir).validate(
                new X509Certificate[] {proxy.certificate(), jane.certificate()})).getMessage();
        assertTrue(reason.contains("CN=Jane Doe (serial " + jane.certificate().getSerialNumber() + ") was revoked"), reason);
    }

    @Test
    void aProxyWhoseSubjectDoesNotExtendItsIssuersIsRefused() {
        Issued other = TestCerts.certificate("/DC=test/DC=gridftp/CN=Someone Else/CN=12345")
                .issuedBy(jane.certificate(), jane.privateKey()).keyUsage(KeyUsage.digitalSignature)
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INHERIT_ALL, true)
                .validity(jane.certificate().getNotBefore().toInstant(), Duration.ofHours(2)).build();
        String reason = refusal(other.certificate(), jane.certificate());
        assertTrue(reason.contains("is not its issuer's subject /DC=test/DC=gridftp/CN=Jane Doe plus one CN"), reason);

        Issued twoCns = TestCerts.certificate("/DC=test/DC=gridftp/CN=Jane Doe/CN=1/CN=2")
                .issuedBy(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INHERIT_ALL, true)
                .validity(jane.certificate().getNotBefore().toInstant(), Duration.ofHours(2)).build();
        assertTrue(refusal(twoCns.certificate(), jane.certificate()).contains("plus one CN"));
    }

    @Test
    void aProxyClaimingToBeACaIsRefused() {
        Issued ca = TestCerts.proxyOf(jane.certificate(), jane.privateKey()).ca(true).build();
        assertTrue(refusal(ca.certificate(), jane.certificate()).endsWith("claims to be a CA"));
    }

    @Test
    void theProxyPathLengthIsHonoured() throws Exception {
        Issued first = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, 1, ProxyCertInfo.INHERIT_ALL, true).build();
        Issued second = TestCerts.proxyOf(first.certificate(), first.privateKey()).build();
        Issued third = TestCerts.proxyOf(second.certificate(), second.privateKey()).build();
        assertEquals(2, validate(second.certificate(), first.certificate(), jane.certificate()).proxies().size());
        String reason = refusal(third.certificate(), second.certificate(), first.certificate(), jane.certificate());
        assertTrue(reason.contains("allows at most 1 proxies after it, but the chain has 2"), reason);

        Issued zero = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, 0, ProxyCertInfo.INHERIT_ALL, true).build();
        Issued belowZero = TestCerts.proxyOf(zero.certificate(), zero.privateKey()).build();
        assertTrue(refusal(belowZero.certificate(), zero.certificate(), jane.certificate()).contains("at most 0"));
    }

    @Test
    void aProxyOfAUserOutsideTheSigningPolicyIsRefused() {
        Issued outsider = TestCerts.eec("/DC=test/DC=elsewhere/CN=Outsider", pki.caCertificate(), pki.caKey());
        Issued proxy = TestCerts.proxyOf(outsider.certificate(), outsider.privateKey()).build();
        String reason = refusal(proxy.certificate(), outsider.certificate());
        assertTrue(reason.contains("may not sign /DC=test/DC=elsewhere/CN=Outsider: its signing policy allows only"),
                reason);
    }

    @Test
    void unknownCriticalExtensionsAndPolicyLanguagesAreRefused() {
        Issued extension = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .extension("1.2.3.4.5", true, DERNull.INSTANCE).build();
        assertTrue(refusal(extension.certificate(), jane.certificate()).contains("unknown critical extension 1.2.3.4.5"));
        Issued nonCritical = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .extension("1.2.3.4.5", false, DERNull.INSTANCE).build();
        assertEquals("/DC=test/DC=gridftp/CN=Jane Doe", assertDoesValidate(nonCritical.certificate()));

        Issued language = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, "1.2.3.4.99", true).build();
        assertTrue(refusal(language.certificate(), jane.certificate())
                .contains("uses the unknown proxy policy language 1.2.3.4.99"));
    }

    private static String assertDoesValidate(X509Certificate proxy) {
        try {
            return validate(proxy, jane.certificate()).identity();
        } catch (ChainRefusedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void badKeyUsageValidityAndSignaturesAreRefused() {
        Issued certSign = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).build();
        assertTrue(refusal(certSign.certificate(), jane.certificate()).contains("key usage with keyCertSign"));
        Issued noSign = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .keyUsage(KeyUsage.keyEncipherment).build();
        assertTrue(refusal(noSign.certificate(), jane.certificate()).contains("without digitalSignature"));

        Issued outlives = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .validity(Instant.now().minus(Duration.ofMinutes(1)), Duration.ofDays(30)).build();
        assertTrue(refusal(outlives.certificate(), jane.certificate()).contains("after its issuer expires"));
        Issued early = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .validity(jane.certificate().getNotBefore().toInstant().minus(Duration.ofMinutes(6)), Duration.ofHours(2))
                .build();
        assertTrue(refusal(early.certificate(), jane.certificate()).contains("before its issuer"));
        Issued skewed = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .validity(jane.certificate().getNotBefore().toInstant().minus(Duration.ofMinutes(5)), Duration.ofHours(2))
                .build();
        assertDoesValidate(skewed.certificate());

        Issued otherKey = TestCerts.proxyOf(jane.certificate(), userKey).build();
        assertTrue(refusal(otherKey.certificate(), jane.certificate()).contains("does not verify with the key of"));
        Issued notCritical = TestCerts.proxyOf(jane.certificate(), jane.privateKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INHERIT_ALL, false).build();
        assertTrue(refusal(notCritical.certificate(), jane.certificate()).contains("not critical"));
    }

    @Test
    void chainsWithoutAnEndEntityOrOutOfOrderAreRefused() {
        Issued proxy = TestCerts.proxyOf(jane.certificate(), jane.privateKey()).build();
        assertTrue(refusal(proxy.certificate()).contains("proxies only"));
        assertTrue(refusal().contains("no client certificate"));
        Issued second = TestCerts.proxyOf(proxy.certificate(), proxy.privateKey()).build();
        String reason = refusal(second.certificate(), jane.certificate());
        assertTrue(reason.contains("as its issuer, but the certificate before it is"), reason);
    }
}
