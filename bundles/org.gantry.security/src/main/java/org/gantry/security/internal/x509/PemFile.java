package org.gantry.security.internal.x509;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The certificates, CRLs and private key found in one PEM file, parsed with Bouncy Castle's
 * {@code PEMParser}. Keys may be PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY})
 * or PKCS#8 ({@code PRIVATE KEY}); encrypted keys are refused, because a server cannot ask for a
 * pass phrase. Key objects come from the JDK's providers (no Bouncy Castle provider is
 * registered), so they work with JSSE as they are.
 *
 * @param certificates in file order (a credential file holds the leaf first)
 * @param crls         in file order
 * @param privateKey   the first private key, if any (a second one makes the file invalid)
 */
public record PemFile(List<X509Certificate> certificates, List<X509CRL> crls, Optional<PrivateKey> privateKey) {

    public static PemFile read(Path file) throws CredentialException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new CredentialException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static PemFile parse(Reader reader, String source) throws CredentialException, IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        PrivateKey key = null;
        PEMParser parser = new PEMParser(reader);
        Object object;
        while ((object = readObject(parser, source)) != null) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(Certificates.fromDer(holder.getEncoded(), source));
            } else if (object instanceof X509CRLHolder holder) {
                crls.add(toCrl(holder.getEncoded(), source));
            } else if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new CredentialException(source + " holds an encrypted private key; the server"
                        + " needs it unencrypted (and readable by its owner only)");
            } else if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo) {
                if (key != null) {
                    throw new CredentialException(source + " holds more than one private key");
                }
                key = toPrivateKey(object, source);
            }
            // Anything else (parameters, public keys, requests) carries nothing we need here.
        }
        return new PemFile(List.copyOf(certificates), List.copyOf(crls), Optional.ofNullable(key));
    }

    private static Object readObject(PEMParser parser, String source) throws CredentialException {
        try {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CredentialException(source + " is not valid PEM: " + e.getMessage(), e);
        }
    }

    private static PrivateKey toPrivateKey(Object object, String source) throws CredentialException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            // SEC1 EC keys may omit the public key, so take only the private part of a pair.
            return converter.getPrivateKey(object instanceof PEMKeyPair pair
                    ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) object);
        } catch (IOException e) {
            throw new CredentialException(source + ": unsupported private key: " + e.getMessage(), e);
        }
    }

    private static X509CRL toCrl(byte[] der, String source) throws CredentialException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | CertificateException e) {
            throw new CredentialException(source + ": bad CRL: " + e.getMessage(), e);
        }
    }
}
