package org.gantry.security.internal.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.gantry.security.internal.testing.TestCerts;
import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialLoaderTest {

    @TempDir
    Path dir;

    private final TestPki pki = TestPki.get();

    @Test
    void loadsTheHostCredential() throws Exception {
        X509Credential host = CredentialLoader.load(pki.hostCertFile(), pki.hostKeyFile());
        assertEquals(TestPki.HOST_DN, host.subject());
        X509ExtendedKeyManager keyManager = host.keyManager();
        String alias = keyManager.chooseEngineServerAlias("RSA", null, null);
        assertArrayEquals(host.chain(), keyManager.getCertificateChain(alias));
        assertEquals(host.privateKey(), keyManager.getPrivateKey(alias));
        assertEquals(null, keyManager.chooseEngineServerAlias("EC", null, null));
    }

    @Test
    void refusesAKeyFileReadableByGroupOrOthers() throws Exception {
        Path key = dir.resolve("hostkey.pem");
        Files.copy(pki.hostKeyFile(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        CredentialException e = assertThrows(CredentialException.class,
                () -> CredentialLoader.load(pki.hostCertFile(), key));
        assertTrue(e.getMessage().contains("accessible by group or others (rw-r-----)"), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() throws Exception {
        CredentialException e = assertThrows(CredentialException.class,
                () -> CredentialLoader.load(pki.hostCertFile(), pki.userKeyFile()));
        assertTrue(e.getMessage().contains("does not belong to the certificate " + TestPki.HOST_DN), e.getMessage());
    }

    @Test
    void loadsAnEcCredentialInOneFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        var cert = TestCerts.certificate("/DC=test/DC=gridftp/CN=ec.example.org").issuedBy(pki.caCertificate(), pki.caKey())
                .keys(keys).build().certificate();
        Path file = dir.resolve("ec.pem");
        TestCerts.writePem(file, cert, new JcaPKCS8Generator(keys.getPrivate(), null));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        X509Credential credential = CredentialLoader.load(file);
        assertEquals("EC", credential.privateKey().getAlgorithm());
        assertTrue(credential.keyManager().chooseEngineServerAlias("EC", null, null) != null);
    }

    @Test
    void loadsTheGridProxyInitProxyWithItsChain() throws Exception {
        X509Credential proxy = CredentialLoader.load(pki.proxyFile());
        assertEquals(2, proxy.chain().length);
        assertTrue(proxy.subject().startsWith(TestPki.USER_DN + "/CN="), proxy.subject());
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        TestCerts.Issued old = TestCerts.certificate("/DC=test/DC=gridftp/CN=old.example.org")
                .issuedBy(pki.caCertificate(), pki.caKey())
                .validity(Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(1)).build();
        Path file = dir.resolve("old.pem");
        TestCerts.writePem(file, old.certificate(), old.privateKey());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        CredentialException e = assertThrows(CredentialException.class, () -> CredentialLoader.load(file));
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }
}
