package org.gantry.security.internal.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.concurrent.TimeUnit;

import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFileTest {

    @TempDir
    Path dir;

    /** Runs openssl to write a key in a given format. */
    private Path openssl(String file, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(file);
        String[] command = new String[args.length + 3];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "-out";
        command[args.length + 2] = out.toString();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        return out;
    }

    @Test
    void readsPkcs1AndPkcs8RsaKeys() throws Exception {
        Path pkcs8 = TestPki.get().userKeyFile(); // openssl 3 writes PKCS#8
        assertTrue(Files.readString(pkcs8).contains("BEGIN PRIVATE KEY"));
        assertEquals("RSA", PemFile.read(pkcs8).privateKey().orElseThrow().getAlgorithm());

        Path pkcs1 = openssl("pkcs1.pem", "rsa", "-in", pkcs8.toString(), "-traditional");
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals(PemFile.read(pkcs8).privateKey(), PemFile.read(pkcs1).privateKey());
    }

    @Test
    void readsSec1AndPkcs8EcKeys() throws Exception {
        Path sec1 = openssl("ec.pem", "ecparam", "-name", "prime256v1", "-genkey", "-noout");
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        Path pkcs8 = openssl("ec8.pem", "pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString());
        ECPrivateKey fromSec1 = (ECPrivateKey) PemFile.read(sec1).privateKey().orElseThrow();
        ECPrivateKey fromPkcs8 = (ECPrivateKey) PemFile.read(pkcs8).privateKey().orElseThrow();
        assertEquals(fromSec1.getS(), fromPkcs8.getS());
    }

    @Test
    void refusesEncryptedKeys() throws Exception {
        Path encrypted = openssl("enc.pem", "pkey", "-in", TestPki.get().userKeyFile().toString(), "-aes256",
                "-passout", "pass:secret");
        CredentialException e = assertThrows(CredentialException.class, () -> PemFile.read(encrypted));
        assertTrue(e.getMessage().contains("encrypted private key"), e.getMessage());
    }

    @Test
    void readsAProxyFileWithCertificatesAndKey() throws Exception {
        PemFile proxy = PemFile.read(TestPki.get().proxyFile());
        assertEquals(2, proxy.certificates().size());
        assertTrue(proxy.privateKey().isPresent());
        assertEquals(TestPki.USER_DN, DistinguishedNames.slashForm(proxy.certificates().get(1).getSubjectX500Principal()));
    }

    @Test
    void refusesGarbageAndTwoKeys() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n");
        assertThrows(CredentialException.class, () -> PemFile.read(garbage));

        Path twoKeys = dir.resolve("two.pem");
        String key = Files.readString(TestPki.get().userKeyFile());
        Files.writeString(twoKeys, key + key);
        CredentialException e = assertThrows(CredentialException.class, () -> PemFile.read(twoKeys));
        assertTrue(e.getMessage().contains("more than one private key"), e.getMessage());
    }
}
