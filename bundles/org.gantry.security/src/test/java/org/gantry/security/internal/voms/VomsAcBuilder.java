package org.gantry.security.internal.voms;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.AttributeCertificateHolder;
import org.bouncycastle.cert.AttributeCertificateIssuer;
import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2AttributeCertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.voms.VOMSAttribute;

/**
 * Builds VOMS attribute certificates as a VOMS server would (RFC 3281 AC with the VOMS attribute
 * 1.3.6.1.4.1.8005.100.100.4: policy authority {@code vo://host:port}, FQANs as octet strings),
 * and the proxy extension value that carries them.
 */
final class VomsAcBuilder {

    private VomsAcBuilder() {
    }

    static X509AttributeCertificateHolder ac(X509Certificate holder, X509Certificate server, PrivateKey serverKey,
            String vo, List<String> fqans, Instant notBefore, Duration lifetime) {
        try {
            X509v2AttributeCertificateBuilder builder = new X509v2AttributeCertificateBuilder(
                    new AttributeCertificateHolder(new X509CertificateHolder(holder.getEncoded())),
                    new AttributeCertificateIssuer(X500Name.getInstance(server.getSubjectX500Principal().getEncoded())),
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notBefore.plus(lifetime)));
            ASN1EncodableVector values = new ASN1EncodableVector();
            for (String fqan : fqans) {
                values.add(new DEROctetString(fqan.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            GeneralNames authority = new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, vo + "://voms.example.org:15000"));
            builder.addAttribute(new ASN1ObjectIdentifier(VOMSAttribute.VOMS_ATTR_OID),
                    new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                        new DERTaggedObject(false, 0, authority), new DERSequence(values)}));
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(serverKey));
        } catch (CertificateEncodingException | IOException | OperatorCreationException e) {
            throw new AssertionError(e);
        }
    }

    /** The proxy extension value: a sequence of sequences of ACs, as VOMS writes it. */
    static DERSequence extension(X509AttributeCertificateHolder... acs) {
        ASN1EncodableVector list = new ASN1EncodableVector();
        for (X509AttributeCertificateHolder ac : acs) {
            list.add(ac.toASN1Structure());
        }
        return new DERSequence(new DERSequence(list));
    }
}
