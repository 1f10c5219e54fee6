package org.gantry.security.internal.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.gantry.security.api.GridAccountMapper;
import org.gantry.security.api.GridIdentity;
import org.gantry.security.internal.gridmap.GridMapFile;
import org.gantry.security.internal.proxy.ProxyCertInfo;
import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GsiAuthorizerTest {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.get();
    private final List<GridAccountMapper> mappers = new ArrayList<>();
    private final ProxyChainValidator validator =
            new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());
    private GsiAuthorizer authorizer;
    private ValidatedChain testUser;

    @BeforeEach
    void setUp() throws Exception {
        Path gridMap = dir.resolve("grid-mapfile");
        Files.writeString(gridMap, "\"" + TestPki.USER_DN + "\" gftp,shared\n");
        authorizer = new GsiAuthorizer(() -> mappers, new GridMapFile(gridMap));
        testUser = validator.validate(pki.proxy().certificates().toArray(X509Certificate[]::new));
    }

    @Test
    void theFirstAccountIsTheDefaultAndOthersMayBeAskedFor() throws Exception {
        assertEquals("gftp", authorizer.authorize(testUser, List.of(), GsiAuthorizer.GLOBUS_MAPPING));
        assertEquals("gftp", authorizer.authorize(testUser, List.of(), null));
        assertEquals("shared", authorizer.authorize(testUser, List.of(), "shared"));
        String reason = assertThrows(NotAuthorizedException.class,
                () -> authorizer.authorize(testUser, List.of(), "root")).getMessage();
        assertEquals(TestPki.USER_DN + " may not log in as root (allowed: gftp, shared)", reason);
    }

    @Test
    void aDnMissingFromTheGridMapfileIsRefused() throws Exception {
        TestCerts.Issued jane = TestCerts.eec("/DC=test/DC=gridftp/CN=Jane Doe", pki.caCertificate(), pki.caKey());
        ValidatedChain chain = validator.validate(new X509Certificate[] {jane.certificate()});
        String reason = assertThrows(NotAuthorizedException.class,
                () -> authorizer.authorize(chain, List.of(), GsiAuthorizer.GLOBUS_MAPPING)).getMessage();
        assertEquals("/DC=test/DC=gridftp/CN=Jane Doe is not mapped to any account (not in the grid-mapfile)", reason);
    }

    @Test
    void anIndependentProxyIsRefusedThoughItsOwnerIsMapped() throws Exception {
        X509Certificate user = pki.userCertificate();
        TestCerts.Issued independent = TestCerts.proxyOf(user, pki.userKey())
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INDEPENDENT, true).build();
        ValidatedChain chain = validator.validate(new X509Certificate[] {independent.certificate(), user});
        String reason = assertThrows(NotAuthorizedException.class,
                () -> authorizer.authorize(chain, List.of(), null)).getMessage();
        assertTrue(reason.contains("carries none of its owner's rights"), reason);
    }

    @Test
    void mappersComeBeforeTheGridMapfile() throws Exception {
        List<GridIdentity> asked = new ArrayList<>();
        mappers.add(identity -> {
            asked.add(identity);
            return identity.fqans().contains("/gantry") ? List.of("vo-account") : List.of();
        });
        assertEquals("vo-account", authorizer.authorize(testUser, List.of("/gantry"), null));
        assertEquals("gftp", authorizer.authorize(testUser, List.of("/gantry"), "gftp"));
        assertEquals("gftp", authorizer.authorize(testUser, List.of(), null));
        assertEquals(new GridIdentity(TestPki.USER_DN, List.of("/gantry"), false), asked.get(0));
    }
}
