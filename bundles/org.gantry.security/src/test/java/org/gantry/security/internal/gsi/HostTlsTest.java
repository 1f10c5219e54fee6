package org.gantry.security.internal.gsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.gantry.security.internal.proxy.ProxyChainValidator;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.gantry.security.internal.trust.CaDirectory;
import org.gantry.security.internal.trust.EecPathValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTlsTest {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.get();
    private final ProxyChainValidator validator =
            new ProxyChainValidator(new EecPathValidator(new CaDirectory(pki.caDir(), true)), Clock.systemUTC());

    @Test
    void aChangedHostCredentialIsUsedForTheNextContextAndABrokenOneIsNot() throws Exception {
        Path cert = Files.copy(pki.hostCertFile(), dir.resolve("hostcert.pem"));
        Path key = Files.copy(pki.hostKeyFile(), dir.resolve("hostkey.pem"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        HostTls host = new HostTls(cert, key, validator);
        SSLContext first = host.context();
        assertSame(first, host.context(), "unchanged files: the same context");
        assertEquals(TestPki.HOST_DN, host.host().subject());

        TestCerts.Issued renewed = TestCerts.eec("/DC=test/DC=gridftp/CN=renewed.localhost", pki.caCertificate(),
                pki.caKey());
        TestCerts.writePem(cert, renewed.certificate());
        TestCerts.writePem(key, renewed.privateKey());
        SSLContext second = host.context();
        assertNotSame(first, second);
        assertEquals("/DC=test/DC=gridftp/CN=renewed.localhost", host.host().subject());

        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        assertSame(second, host.context(), "a credential that does not load leaves the last good one");
        assertEquals("/DC=test/DC=gridftp/CN=renewed.localhost", host.host().subject());
    }

    @Test
    void fqanRulesMayShareOneValueSeparatedByCommas() {
        assertEquals(List.of("/atlas/Role=production=atlprd", "/atlas=atlas", "/cms=cms"),
                GsiComponent.fqanRules(new String[] {"/atlas/Role=production=atlprd, /atlas=atlas", " /cms=cms ", ""}));
        assertEquals(List.of(), GsiComponent.fqanRules(null));
    }
}
