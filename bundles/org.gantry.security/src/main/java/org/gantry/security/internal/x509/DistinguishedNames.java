package org.gantry.security.internal.x509;

import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.util.encoders.Hex;

/**
 * Distinguished names in the OpenSSL/Globus "slash" form ({@code /DC=test/DC=gridftp/CN=Test
 * User}) that grid-mapfiles, signing policies and log lines use: RDNs in certificate (encoding)
 * order, OpenSSL's short attribute names, {@code +} between the parts of a multi-valued RDN, no
 * escaping (as {@code X509_NAME_oneline} prints them). Unknown attribute types appear as dotted
 * OIDs, non-string values as {@code #hex} of their DER.
 */
public final class DistinguishedNames {

    /** OpenSSL's names for the attribute types seen in grid certificates. */
    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.ofEntries(
            Map.entry(BCStyle.C, "C"), Map.entry(BCStyle.ST, "ST"), Map.entry(BCStyle.L, "L"),
            Map.entry(BCStyle.O, "O"), Map.entry(BCStyle.OU, "OU"), Map.entry(BCStyle.CN, "CN"),
            Map.entry(BCStyle.DC, "DC"), Map.entry(BCStyle.UID, "UID"),
            Map.entry(BCStyle.EmailAddress, "emailAddress"), Map.entry(BCStyle.SERIALNUMBER, "serialNumber"),
            Map.entry(BCStyle.STREET, "street"), Map.entry(BCStyle.T, "title"), Map.entry(BCStyle.GIVENNAME, "GN"),
            Map.entry(BCStyle.SURNAME, "SN"), Map.entry(BCStyle.INITIALS, "initials"),
            Map.entry(BCStyle.PSEUDONYM, "pseudonym"), Map.entry(BCStyle.GENERATION, "generationQualifier"),
            Map.entry(BCStyle.DN_QUALIFIER, "dnQualifier"), Map.entry(BCStyle.POSTAL_CODE, "postalCode"));

    private DistinguishedNames() {
    }

    /** {@code principal} in slash form; the empty name is {@code ""}. */
    public static String slashForm(X500Principal principal) {
        return slashForm(X500Name.getInstance(principal.getEncoded()));
    }

    /** {@code name} in slash form; the empty name is {@code ""}. */
    public static String slashForm(X500Name name) {
        StringBuilder out = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            out.append('/');
            AttributeTypeAndValue[] parts = rdn.getTypesAndValues();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.append('+');
                }
                out.append(NAMES.getOrDefault(parts[i].getType(), parts[i].getType().getId()))
                        .append('=').append(valueText(parts[i].getValue()));
            }
        }
        return out.toString();
    }

    private static String valueText(ASN1Encodable value) {
        if (value instanceof ASN1String text) {
            return text.getString();
        }
        try {
            return "#" + Hex.toHexString(value.toASN1Primitive().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("DER encoding of a parsed value failed", e);
        }
    }
}
