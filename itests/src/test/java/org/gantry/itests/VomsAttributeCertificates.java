package org.gantry.itests;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.AttributeCertificateHolder;
import org.bouncycastle.cert.AttributeCertificateIssuer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2AttributeCertificateBuilder;

/**
 * VOMS attribute certificates made in the test, shaped as a VOMS server issues them (RFC 3281 AC
 * for the user's certificate, attribute 1.3.6.1.4.1.8005.100.100.4 with the policy authority
 * {@code vo://host:port} and the FQANs), and the proxy extension that carries them.
 */
public final class VomsAttributeCertificates {

    /** The proxy extension holding the ACs: a sequence of sequences of ACs. */
    public static final String PROXY_EXTENSION = "1.3.6.1.4.1.8005.100.100.5";
    private static final String VOMS_ATTRIBUTE = "1.3.6.1.4.1.8005.100.100.4";

    private VomsAttributeCertificates() {
    }

    /**
     * The proxy extension value with one AC for {@code holder} from {@code vomsServer}, valid
     * from a minute ago for 12 hours, listing {@code fqans} (the primary one first).
     */
    public static ASN1Encodable proxyExtension(X509Certificate holder, TestCredentials.Credential vomsServer, String vo,
            List<String> fqans) {
        Instant from = Instant.now().minus(Duration.ofMinutes(1));
        try {
            X509v2AttributeCertificateBuilder ac = new X509v2AttributeCertificateBuilder(
                    new AttributeCertificateHolder(new X509CertificateHolder(holder.getEncoded())),
                    new AttributeCertificateIssuer(TestCredentials.subjectOf(vomsServer.certificate())),
                    BigInteger.valueOf(from.toEpochMilli()), Date.from(from), Date.from(from.plus(Duration.ofHours(12))));
            ASN1EncodableVector values = new ASN1EncodableVector();
            fqans.forEach(fqan -> values.add(new DEROctetString(fqan.getBytes(StandardCharsets.UTF_8))));
            GeneralName authority = new GeneralName(GeneralName.uniformResourceIdentifier, vo + "://voms.test.org:15000");
            ac.addAttribute(new ASN1ObjectIdentifier(VOMS_ATTRIBUTE), new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(false, 0, new GeneralNames(authority)), new DERSequence(values)}));
            ASN1Encodable signed = ac.build(TestCredentials.signer(vomsServer.key())).toASN1Structure();
            return new DERSequence(new DERSequence(signed));
        } catch (CertificateEncodingException | IOException e) {
            throw new AssertionError("cannot build the VOMS AC: " + e, e);
        }
    }
}
