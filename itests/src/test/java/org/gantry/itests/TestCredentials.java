package org.gantry.itests;

import java.io.IOException;
import java.io.Reader;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 material made in the test with Bouncy Castle, for the GSI refusals a real client cannot be
 * talked into: CAs, end-entity certificates, RFC 3820 proxies with a wrong subject, a CA flag or
 * a past lifetime, CRLs, and the IGTF CA-directory files that make a CA trusted.
 */
public final class TestCredentials {

    /** RFC 3820 proxyCertInfo and its inherit-all policy language (protocol.md §6.3). */
    public static final String PROXY_CERT_INFO = "1.3.6.1.5.5.7.1.14";
    private static final String INHERIT_ALL = "1.3.6.1.5.5.7.21.1";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private TestCredentials() {
    }

    /** A certificate chain (leaf first) with the leaf's private key. */
    public record Credential(X509Certificate[] chain, PrivateKey key) {
        public X509Certificate certificate() {
            return chain[0];
        }

        /** This credential's chain with {@code leaf} (signed by it) in front. */
        Credential below(X509Certificate leaf, PrivateKey leafKey) {
            X509Certificate[] longer = new X509Certificate[chain.length + 1];
            longer[0] = leaf;
            System.arraycopy(chain, 0, longer, 1, chain.length);
            return new Credential(longer, leafKey);
        }
    }

    /** A self-signed CA, valid from yesterday for a month. */
    public static Credential ca(String slashDn) {
        KeyPair keys = rsaKeys();
        Instant from = Instant.now().minus(Duration.ofDays(1));
        X509Certificate cert = new CertificateSpec(name(slashDn), name(slashDn), keys, from, from.plus(Duration.ofDays(30)))
                .basicConstraints(true).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).sign(keys.getPrivate());
        return new Credential(new X509Certificate[] {cert}, keys.getPrivate());
    }

    /** A user certificate issued by {@code ca}, valid from an hour ago for ten days. */
    public static Credential endEntity(String slashDn, Credential ca) {
        KeyPair keys = rsaKeys();
        Instant from = Instant.now().minus(Duration.ofHours(1));
        X509Certificate cert = new CertificateSpec(subjectOf(ca.certificate()), name(slashDn), keys, from,
                from.plus(Duration.ofDays(10))).basicConstraints(false)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).sign(ca.key());
        return new Credential(new X509Certificate[] {cert}, keys.getPrivate());
    }

    /** A well-formed RFC 3820 impersonation proxy of {@code issuer}, valid for 12 hours; change it before {@link ProxySpec#issue()}. */
    public static ProxySpec proxyOf(Credential issuer) {
        return new ProxySpec(issuer);
    }

    /** What a proxy will look like; every knob starts at what grid-proxy-init would make. */
    public static final class ProxySpec {
        private final Credential issuer;
        private final long serial = SERIALS.incrementAndGet();
        private X500Name subject;
        private Instant notBefore;
        private Instant notAfter;
        private boolean claimsCa;
        private final Map<String, ASN1Encodable> extraExtensions = new java.util.LinkedHashMap<>();

        ProxySpec(Credential issuer) {
            this.issuer = issuer;
            X500NameBuilder extended = new X500NameBuilder(BCStyle.INSTANCE);
            for (RDN rdn : subjectOf(issuer.certificate()).getRDNs()) {
                extended.addMultiValuedRDN(rdn.getTypesAndValues());
            }
            this.subject = extended.addRDN(BCStyle.CN, Long.toString(serial)).build();
            this.notBefore = issuer.certificate().getNotBefore().toInstant();
            this.notAfter = Instant.now().plus(Duration.ofHours(12));
        }

        /** A subject of the test's choice instead of the issuer's plus one CN. */
        public ProxySpec subject(String slashDn) {
            this.subject = name(slashDn);
            return this;
        }

        public ProxySpec validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** basicConstraints cA=true, which no proxy may have. */
        public ProxySpec claimingCa() {
            this.claimsCa = true;
            return this;
        }

        /** A non-critical extension, e.g. VOMS attribute certificates. */
        public ProxySpec extension(String oid, ASN1Encodable value) {
            extraExtensions.put(oid, value);
            return this;
        }

        /** The proxy with its issuer's chain behind it. */
        public Credential issue() {
            KeyPair keys = rsaKeys();
            CertificateSpec spec = new CertificateSpec(subjectOf(issuer.certificate()), subject, keys, notBefore, notAfter)
                    .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                    .extension(PROXY_CERT_INFO, true, new DERSequence(new DERSequence(new ASN1ObjectIdentifier(INHERIT_ALL))));
            if (claimsCa) {
                spec.basicConstraints(true);
            }
            extraExtensions.forEach((oid, value) -> spec.extension(oid, false, value));
            return issuer.below(spec.withSerial(serial).sign(issuer.key()), keys.getPrivate());
        }
    }

    /** A CRL of {@code ca} revoking {@code revoked}, next update in a day. */
    public static X509CRL crl(Credential ca, X509Certificate... revoked) {
        Date now = new Date();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(subjectOf(ca.certificate()), now);
        builder.setNextUpdate(Date.from(now.toInstant().plus(Duration.ofDays(1))));
        for (X509Certificate cert : revoked) {
            builder.addCRLEntry(cert.getSerialNumber(), now, CRLReason.keyCompromise);
        }
        try {
            return new JcaX509CRLConverter().getCRL(builder.build(signer(ca.key())));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Makes {@code ca} trusted by a CA directory as IGTF bundles do: {@code <hash>.0} and a
     * signing policy letting it sign {@code subjectPattern} (e.g. {@code /DC=other/*}). Returns the hash.
     */
    public static String addToCaDirectory(Path caDir, Credential ca, String subjectPattern) throws IOException {
        Path staged = caDir.resolveSibling(caDir.getFileName() + ".staged.pem");
        writePem(staged, ca.certificate());
        String hash = subjectHash(staged);
        String caDn = slashForm(ca.certificate());
        Files.writeString(caDir.resolve(hash + ".signing_policy"), "access_id_CA X509 '" + caDn + "'\n"
                + "pos_rights globus CA:sign\ncond_subjects globus '\"" + subjectPattern + "\"'\n", StandardCharsets.US_ASCII);
        Files.move(staged, caDir.resolve(hash + ".0"));
        return hash;
    }

    /** The OpenSSL subject hash that names a CA's files in a CA directory. */
    public static String subjectHash(Path certificatePem) throws IOException {
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), "openssl", "x509", "-noout", "-subject_hash",
                "-in", certificatePem.toString()).assertSuccess().output().trim();
    }

    /** {@code /DC=a/CN=b}, the form grid-mapfiles and the server's replies use. */
    public static String slashForm(X509Certificate cert) {
        StringBuilder dn = new StringBuilder();
        for (RDN rdn : subjectOf(cert).getRDNs()) {
            dn.append('/').append(BCStyle.INSTANCE.oidToDisplayName(rdn.getFirst().getType()))
                    .append('=').append(rdn.getFirst().getValue());
        }
        return dn.toString();
    }

    /** Certificates, keys and CRLs as PEM. */
    public static void writePem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    }

    /** A credential from PEM files as openssl writes them. */
    public static Credential read(Path certificateFile, Path keyFile) {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        try {
            for (Object object : pemObjects(certificateFile)) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
            for (Object object : pemObjects(keyFile)) {
                if (object instanceof PrivateKeyInfo info) {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    key = new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read " + certificateFile + " / " + keyFile + ": " + e, e);
        }
        if (certificates.isEmpty() || key == null) {
            throw new AssertionError("no certificate in " + certificateFile + " or no key in " + keyFile);
        }
        return new Credential(certificates.toArray(X509Certificate[]::new), key);
    }

    private static List<Object> pemObjects(Path file) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        }
        return objects;
    }

    /** {@code /DC=a/CN=b} → an X500Name with the RDNs in that order. */
    static X500Name name(String slashDn) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String rdn : slashDn.substring(1).split("/")) {
            String[] typeAndValue = rdn.split("=", 2);
            builder.addRDN(BCStyle.INSTANCE.attrNameToOID(typeAndValue[0]), typeAndValue[1]);
        }
        return builder.build();
    }

    static X500Name subjectOf(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").build(key);
        } catch (OperatorCreationException e) {
            throw new AssertionError(e);
        }
    }

    /** One certificate to sign: names, key, validity and extensions. */
    private static final class CertificateSpec {
        private final X500Name issuer;
        private final X500Name subject;
        private final KeyPair keys;
        private final Instant from;
        private final Instant until;
        private final List<Object[]> extensions = new ArrayList<>();
        private long serial = SERIALS.incrementAndGet();

        CertificateSpec(X500Name issuer, X500Name subject, KeyPair keys, Instant from, Instant until) {
            this.issuer = issuer;
            this.subject = subject;
            this.keys = keys;
            this.from = from;
            this.until = until;
        }

        CertificateSpec basicConstraints(boolean ca) {
            return extension(Extension.basicConstraints.getId(), true, new BasicConstraints(ca));
        }

        CertificateSpec keyUsage(int bits) {
            return extension(Extension.keyUsage.getId(), true, new KeyUsage(bits));
        }

        CertificateSpec extension(String oid, boolean critical, ASN1Encodable value) {
            extensions.add(new Object[] {oid, critical, value});
            return this;
        }

        CertificateSpec withSerial(long value) {
            this.serial = value;
            return this;
        }

        X509Certificate sign(PrivateKey issuerKey) {
            try {
                JcaX509v3CertificateBuilder certificate = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                        Date.from(from), Date.from(until), subject, keys.getPublic());
                for (Object[] e : extensions) {
                    certificate.addExtension(new ASN1ObjectIdentifier((String) e[0]), (Boolean) e[1], (ASN1Encodable) e[2]);
                }
                return new JcaX509CertificateConverter().getCertificate(certificate.build(signer(issuerKey)));
            } catch (IOException | GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }
}
