package org.gantry.security.internal.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.gantry.security.internal.proxy.ProxyCertInfo;

/**
 * Builds the odd certificates the negative tests need with Bouncy Castle: CAs, end-entity
 * certificates, proxies of every flavour with adjustable extensions and validity, and CRLs.
 */
public final class TestCerts {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private TestCerts() {
    }

    /** A certificate with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code /DC=a/CN=b} → X500Name with the RDNs in that order. */
    public static X500Name name(String slashDn) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String rdn : slashDn.substring(1).split("/")) {
            int eq = rdn.indexOf('=');
            builder.addRDN(BCStyle.INSTANCE.attrNameToOID(rdn.substring(0, eq)), rdn.substring(eq + 1));
        }
        return builder.build();
    }

    /** Starts a certificate for {@code subject}, valid from an hour ago for a day. */
    public static Builder certificate(String subjectDn) {
        return new Builder(name(subjectDn));
    }

    /** Starts a proxy of {@code issuer}: subject = issuer subject + CN=serial, RFC 3820 impersonation. */
    public static Builder proxyOf(X509Certificate issuer, PrivateKey issuerKey) {
        long serial = SERIALS.incrementAndGet();
        return proxyBuilder(issuer, issuerKey, Long.toString(serial)).serial(serial)
                .proxyCertInfo(ProxyCertInfo.RFC3820_OID, null, ProxyCertInfo.INHERIT_ALL, true);
    }

    /** Starts a legacy (GT2) proxy: subject = issuer subject + CN=proxy or CN=limited proxy, no extension. */
    public static Builder legacyProxyOf(X509Certificate issuer, PrivateKey issuerKey, boolean limited) {
        return proxyBuilder(issuer, issuerKey, limited ? "limited proxy" : "proxy");
    }

    private static Builder proxyBuilder(X509Certificate issuer, PrivateKey issuerKey, String cn) {
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        for (var rdn : issuerName.getRDNs()) {
            subject.addMultiValuedRDN(rdn.getTypesAndValues());
        }
        subject.addRDN(BCStyle.CN, cn);
        return new Builder(subject.build()).issuedBy(issuer, issuerKey)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                .validity(issuer.getNotBefore().toInstant(), Duration.ofHours(2));
    }

    /** A self-signed CA. */
    public static Issued ca(String subjectDn) {
        return certificate(subjectDn).ca(true).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .validity(Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30)).build();
    }

    /** A user certificate issued by {@code ca}. */
    public static Issued eec(String subjectDn, X509Certificate ca, PrivateKey caKey) {
        return certificate(subjectDn).issuedBy(ca, caKey).ca(false)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                .validity(Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(10)).build();
    }

    /** A CRL of {@code ca} revoking {@code serials}, next update in {@code nextUpdate}. */
    public static X509CRL crl(X509Certificate ca, PrivateKey caKey, Duration nextUpdate, BigInteger... serials) {
        try {
            Date now = new Date();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), now);
            builder.setNextUpdate(Date.from(now.toInstant().plus(nextUpdate)));
            for (BigInteger serial : serials) {
                builder.addCRLEntry(serial, now, CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().getCRL(builder.build(signer(caKey)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes objects (certificates, keys, CRLs) as PEM. */
    public static void writePem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaContentSignerBuilder(algorithm).build(key);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new AssertionError(e);
        }
    }

    /** Fluent builder; every knob defaults to a well-formed certificate. */
    public static final class Builder {
        private final X500Name subject;
        private X500Name issuer;
        private PrivateKey issuerKey;
        private KeyPair keys;
        private long serial = SERIALS.incrementAndGet();
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Duration lifetime = Duration.ofDays(1);
        private Boolean ca;
        private Integer keyUsage;
        private final List<Object[]> extensions = new ArrayList<>();

        Builder(X500Name subject) {
            this.subject = subject;
        }

        public Builder issuedBy(X509Certificate issuerCert, PrivateKey key) {
            this.issuer = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
            this.issuerKey = key;
            return this;
        }

        public Builder keys(KeyPair keyPair) {
            this.keys = keyPair;
            return this;
        }

        public Builder serial(long value) {
            this.serial = value;
            return this;
        }

        public Builder validity(Instant from, Duration length) {
            this.notBefore = from;
            this.lifetime = length;
            return this;
        }

        /** {@code null} leaves basic constraints out. */
        public Builder ca(Boolean isCa) {
            this.ca = isCa;
            return this;
        }

        /** {@code null} leaves key usage out. */
        public Builder keyUsage(Integer bits) {
            this.keyUsage = bits;
            return this;
        }

        /** Replaces any proxyCertInfo; {@code oid null} removes it (a legacy-style proxy). */
        public Builder proxyCertInfo(String oid, Integer pathLength, String policyLanguage, boolean critical) {
            extensions.removeIf(e -> e[0].equals(ProxyCertInfo.RFC3820_OID) || e[0].equals(ProxyCertInfo.GT3_DRAFT_OID));
            if (oid != null) {
                ASN1EncodableVector info = new ASN1EncodableVector();
                if (pathLength != null) {
                    info.add(new ASN1Integer(pathLength));
                }
                info.add(new DERSequence(new ASN1ObjectIdentifier(policyLanguage)));
                extensions.add(new Object[] {oid, critical, new DERSequence(info)});
            }
            return this;
        }

        public Builder extension(String oid, boolean critical, ASN1Encodable value) {
            extensions.add(new Object[] {oid, critical, value});
            return this;
        }

        public Issued build() {
            try {
                KeyPair pair = keys != null ? keys : rsaKeyPair();
                X500Name issuerName = issuer != null ? issuer : subject;
                PrivateKey signingKey = issuerKey != null ? issuerKey : pair.getPrivate();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial),
                        Date.from(notBefore), Date.from(notBefore.plus(lifetime)), subject, pair.getPublic());
                if (ca != null) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                }
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                for (Object[] e : extensions) {
                    builder.addExtension(new ASN1ObjectIdentifier((String) e[0]), (Boolean) e[1], (ASN1Encodable) e[2]);
                }
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
                return new Issued(cert, pair);
            } catch (IOException | GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }
}
