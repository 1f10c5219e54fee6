package org.gantry.security.internal.voms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.gantry.security.internal.authz.GsiAuthorizer;
import org.gantry.security.internal.gridmap.GridMapFile;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestCerts.Issued;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VomsAttributeReaderTest {

    private static final List<String> FQANS =
            List.of("/gantry/Role=production/Capability=NULL", "/gantry/Role=NULL/Capability=NULL");

    private static TestPki pki;
    private static Issued vomsServer;
    private static ProxyChainValidator validator;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        pki = TestPki.get();
        vomsServer = TestCerts.eec("/DC=test/DC=gridftp/CN=voms.example.org", pki.caCertificate(), pki.caKey());
        validator = new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());
    }

    /** A proxy of the test user carrying {@code acs}, validated. */
    private static ValidatedChain proxyWith(X509AttributeCertificateHolder... acs) throws Exception {
        X509Certificate user = pki.userCertificate();
        Issued proxy = TestCerts.proxyOf(user, pki.userKey())
                .extension(VomsAttributeReader.AC_EXTENSION_OID, false, VomsAcBuilder.extension(acs)).build();
        return validator.validate(new X509Certificate[] {proxy.certificate(), user});
    }

    private static X509AttributeCertificateHolder acFor(X509Certificate holder, Issued signer, Instant from) {
        return VomsAcBuilder.ac(holder, vomsServer.certificate(), signer.privateKey(), "gantry", FQANS, from,
                Duration.ofHours(2));
    }

    /** Maps /gantry/Role=production to gantryprd, the test user's DN to gftp; reads ACs with {@link #reader()}. */
    private GsiAuthorizer productionAuthorizer() throws java.io.IOException {
        Path gridMap = dir.resolve("grid-mapfile");
        Files.writeString(gridMap, "\"" + TestPki.USER_DN + "\" gftp\n");
        return new GsiAuthorizer(
                () -> List.of(new FqanPrefixAccountMapper(List.of("/gantry/Role=production=gantryprd"))),
                new GridMapFile(gridMap), reader());
    }

    private static VomsAttributeReader reader() {
        return new VomsAttributeReader(new VomsTrust(List.of(vomsServer.certificate())), Clock.systemUTC());
    }

    @Test
    void exposesTheFqansOfATrustedAc() throws Exception {
        ValidatedChain chain = proxyWith(acFor(pki.userCertificate(), vomsServer, Instant.now().minusSeconds(60)));
        VomsAttributeReader.Result result = reader().read(chain);
        assertEquals(FQANS, result.fqans());
        assertEquals(List.of(), result.ignored());
    }

    @Test
    void aProxyMappedByItsFqanThroughTheHook() throws Exception {
        GsiAuthorizer authorizer = productionAuthorizer();
        ValidatedChain chain = proxyWith(acFor(pki.userCertificate(), vomsServer, Instant.now().minusSeconds(60)));
        assertEquals("gantryprd", authorizer.authorize(chain, reader().read(chain).fqans(), GsiAuthorizer.GLOBUS_MAPPING));

        ValidatedChain plain = validator.validate(pki.proxy().certificates().toArray(X509Certificate[]::new));
        assertEquals(List.of(), reader().read(plain).fqans());
        assertEquals("gftp", authorizer.authorize(plain, reader().read(plain).fqans(), GsiAuthorizer.GLOBUS_MAPPING));
    }

    @Test
    void anAcSignedByAnUntrustedKeyIsIgnored() throws Exception {
        Issued impostor = TestCerts.eec("/DC=test/DC=gridftp/CN=voms.example.org", pki.caCertificate(), pki.caKey());
        VomsAttributeReader.Result result = reader().read(
                proxyWith(acFor(pki.userCertificate(), impostor, Instant.now().minusSeconds(60))));
        assertEquals(List.of(), result.fqans());
        assertTrue(result.ignored().get(0).contains("is not signed by a trusted VOMS server"), result.ignored().toString());
    }

    @Test
    void anAcOfAnotherHolderOrOutOfDateIsIgnored() throws Exception {
        Issued jane = TestCerts.eec("/DC=test/DC=gridftp/CN=Jane Doe", pki.caCertificate(), pki.caKey());
        VomsAttributeReader.Result stolen = reader().read(
                proxyWith(acFor(jane.certificate(), vomsServer, Instant.now().minusSeconds(60))));
        assertEquals(List.of(), stolen.fqans());
        assertTrue(stolen.ignored().get(0).contains("issued for another certificate"), stolen.ignored().toString());

        VomsAttributeReader.Result expired = reader().read(
                proxyWith(acFor(pki.userCertificate(), vomsServer, Instant.now().minus(Duration.ofHours(3)))));
        assertEquals(List.of(), expired.fqans());
        assertTrue(expired.ignored().get(0).contains("is not valid now"), expired.ignored().toString());
    }

    @Test
    void vomsServerCertificatesAreReadFromAVomsdir() throws Exception {
        Path vo = Files.createDirectories(dir.resolve("vomsdir/gantry"));
        TestCerts.writePem(vo.resolve("voms.example.org.pem"), vomsServer.certificate());
        VomsAttributeReader fromDir = new VomsAttributeReader(VomsTrust.fromDirectory(dir.resolve("vomsdir")),
                Clock.systemUTC());
        ValidatedChain chain = proxyWith(acFor(pki.userCertificate(), vomsServer, Instant.now().minusSeconds(60)));
        assertEquals(FQANS, fromDir.read(chain).fqans());
    }

    @Test
    void theAuthorizerReadsTheFqansOfTheChainItself() throws Exception {
        GsiAuthorizer authorizer = productionAuthorizer();
        ValidatedChain trusted = proxyWith(acFor(pki.userCertificate(), vomsServer, Instant.now().minusSeconds(60)));
        assertEquals("gantryprd", authorizer.authorize(trusted, GsiAuthorizer.GLOBUS_MAPPING));

        Issued impostor = TestCerts.eec("/DC=test/DC=gridftp/CN=voms.example.org", pki.caCertificate(), pki.caKey());
        ValidatedChain forged = proxyWith(acFor(pki.userCertificate(), impostor, Instant.now().minusSeconds(60)));
        assertEquals("gftp", authorizer.authorize(forged, GsiAuthorizer.GLOBUS_MAPPING));
    }
}
