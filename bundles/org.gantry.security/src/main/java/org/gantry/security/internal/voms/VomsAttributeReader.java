package org.gantry.security.internal.voms;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.x509.AttributeCertificate;
import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.voms.VOMSAttribute;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.x509.DistinguishedNames;

/**
 * Reads the VOMS attribute certificates a proxy carries (extension 1.3.6.1.4.1.8005.100.100.5,
 * a sequence of sequences of ACs) and returns the FQANs of those that count: signed by a server
 * of {@link VomsTrust}, valid now, and issued for a certificate of the client's chain (the AC's
 * holder). The ACs of the proxy nearest to the leaf are used, as VOMS clients do. ACs that do not
 * count are reported, not fatal: the client still logs in by DN.
 */
public final class VomsAttributeReader {

    public static final String AC_EXTENSION_OID = "1.3.6.1.4.1.8005.100.100.5";

    private final Supplier<VomsTrust> trust;
    private final Clock clock;

    public VomsAttributeReader(VomsTrust trust, Clock clock) {
        this(() -> trust, clock);
    }

    /** @param trust asked on every read, so a reloading vomsdir counts at once */
    public VomsAttributeReader(Supplier<VomsTrust> trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * @param fqans   the FQANs of the ACs that count, in AC order, primary first
     * @param ignored why other ACs were not used (for the log)
     */
    public record Result(List<String> fqans, List<String> ignored) {
        public Result {
            fqans = List.copyOf(fqans);
            ignored = List.copyOf(ignored);
        }
    }

    public Result read(ValidatedChain chain) {
        for (X509Certificate proxy : chain.proxies()) {
            byte[] extension = proxy.getExtensionValue(AC_EXTENSION_OID);
            if (extension != null) {
                return read(proxy, extension, chain.clientChain());
            }
        }
        return new Result(List.of(), List.of());
    }

    private Result read(X509Certificate proxy, byte[] extension, List<X509Certificate> clientChain) {
        List<String> fqans = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<AttributeCertificate> acs = new ArrayList<>();
        try {
            collect(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()), acs);
        } catch (IOException | IllegalArgumentException e) {
            ignored.add("the VOMS extension of " + DistinguishedNames.slashForm(proxy.getSubjectX500Principal())
                    + " does not parse: " + e.getMessage());
        }
        Date now = Date.from(clock.instant());
        for (AttributeCertificate structure : acs) {
            X509AttributeCertificateHolder ac = new X509AttributeCertificateHolder(structure);
            String problem = problemWith(ac, clientChain, now);
            if (problem != null) {
                ignored.add(problem);
                continue;
            }
            try {
                for (Object fqan : new VOMSAttribute(ac).getFullyQualifiedAttributes()) {
                    fqans.add(fqan.toString());
                }
            } catch (IllegalArgumentException e) {
                ignored.add("AC " + ac.getSerialNumber() + " holds no usable VOMS attribute: " + e.getMessage());
            }
        }
        return new Result(fqans, ignored);
    }

    private String problemWith(X509AttributeCertificateHolder ac, List<X509Certificate> clientChain, Date now) {
        String name = "AC " + ac.getSerialNumber() + " from " + List.of(ac.getIssuer().getNames());
        if (!ac.isValidOn(now)) {
            return name + " is not valid now (" + ac.getNotBefore().toInstant() + " to "
                    + ac.getNotAfter().toInstant() + ")";
        }
        if (clientChain.stream().noneMatch(cert -> holds(ac, cert))) {
            return name + " was issued for another certificate than the client's";
        }
        if (trust.get().signerOf(ac, now).isEmpty()) {
            return name + " is not signed by a trusted VOMS server";
        }
        return null;
    }

    private static boolean holds(X509AttributeCertificateHolder ac, X509Certificate cert) {
        try {
            return ac.getHolder().match(new X509CertificateHolder(cert.getEncoded()));
        } catch (CertificateEncodingException | IOException e) {
            return false;
        }
    }

    /** VOMS nests ACs in a sequence of sequences; an AC itself is (info, algorithm, BIT STRING). */
    private static void collect(ASN1Primitive node, List<AttributeCertificate> acs) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(node);
        if (sequence.size() == 3 && sequence.getObjectAt(2) instanceof ASN1BitString) {
            acs.add(AttributeCertificate.getInstance(sequence));
            return;
        }
        for (ASN1Encodable child : sequence) {
            collect(child.toASN1Primitive(), acs);
        }
    }
}
