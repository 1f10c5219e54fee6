package org.gantry.security.internal.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;

class DistinguishedNamesTest {

    @Test
    void opensslMadeCertificatesPrintAsOpensslDoes() {
        TestPki pki = TestPki.get();
        assertEquals(TestPki.USER_DN, DistinguishedNames.slashForm(pki.userCertificate().getSubjectX500Principal()));
        assertEquals(TestPki.CA_DN, DistinguishedNames.slashForm(pki.userCertificate().getIssuerX500Principal()));
    }

    @Test
    void multiValuedRdnsEmailAndUnknownTypes() {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        builder.addRDN(BCStyle.C, "DE");
        builder.addMultiValuedRDN(new AttributeTypeAndValue[] {
            new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("Jane")),
            new AttributeTypeAndValue(BCStyle.UID, new DERUTF8String("jd"))});
        builder.addRDN(BCStyle.EmailAddress, "jane@example.org");
        builder.addRDN(new ASN1ObjectIdentifier("1.2.3.4"), "x");
        assertEquals("/C=DE/CN=Jane+UID=jd/emailAddress=jane@example.org/1.2.3.4=x",
                DistinguishedNames.slashForm(builder.build()));
    }
}
