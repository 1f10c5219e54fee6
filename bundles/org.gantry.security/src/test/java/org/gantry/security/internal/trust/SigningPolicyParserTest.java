package org.gantry.security.internal.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.gantry.security.internal.testing.TestPki;
import org.junit.jupiter.api.Test;

class SigningPolicyParserTest {

    private static final String CA = "/C=XX/O=Example/CN=Example CA";

    @Test
    void parsesThePkiScriptsPolicy() throws Exception {
        TestPki pki = TestPki.get();
        String file = pki.caDirFiles(".signing_policy").get(0);
        SigningPolicy policy = SigningPolicyParser.parse(Files.readString(pki.caDir().resolve(file)));
        assertEquals(List.of(new SigningPolicy.Block(TestPki.CA_DN, true, List.of("/DC=test/DC=gridftp/*"))),
                policy.blocks());
        assertTrue(policy.permits(TestPki.CA_DN, TestPki.USER_DN));
        assertFalse(policy.permits(TestPki.CA_DN, "/DC=test/DC=other/CN=Test User"));
        assertFalse(policy.permits("/DC=test/CN=Another CA", TestPki.USER_DN));
    }

    @Test
    void severalBlocksPatternsCommentsAndStatementsOverLines() {
        SigningPolicy policy = SigningPolicyParser.parse(String.join("\n",
                "# EACL for two CAs",
                "access_id_CA X509 '" + CA + "'",
                "  pos_rights globus CA:sign   # trailing comment",
                "  cond_subjects globus",
                "     '\"/C=XX/O=Example/*\" \"/C=YY/O=Example/CN=host?.example.org\"'",
                "access_id_CA X509 '/C=XX/CN=Other CA'",
                "  pos_rights globus CA:sign",
                "  cond_subjects globus '\"/C=XX/O=Other/*\"'"));
        assertEquals(2, policy.blocks().size());
        assertTrue(policy.permits(CA, "/C=XX/O=Example/OU=People/CN=Jane"));
        assertTrue(policy.permits(CA, "/c=xx/o=example/CN=Jane"), "case does not matter");
        assertTrue(policy.permits(CA, "/C=YY/O=Example/CN=host1.example.org"));
        assertFalse(policy.permits(CA, "/C=YY/O=Example/CN=host12.example.org"), "? is one character");
        assertFalse(policy.permits(CA, "/C=XX/O=Other/CN=Jane"), "each CA has its own patterns");
        assertTrue(policy.permits("/C=XX/CN=Other CA", "/C=XX/O=Other/CN=Jane"));
        assertFalse(policy.permits(CA, "/C=XX/O=Example.evil/CN=x"), "dots are literal, / bounds the prefix");
    }

    @Test
    void aBlockWithoutSignRightsGrantsNothing() {
        SigningPolicy policy = SigningPolicyParser.parse("access_id_CA X509 '" + CA + "'\n"
                + "pos_rights globus CA:nothing\ncond_subjects globus '\"*\"'\n");
        assertTrue(policy.covers(CA));
        assertFalse(policy.permits(CA, "/C=XX/CN=anyone"));
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThrows(IllegalArgumentException.class, () -> SigningPolicyParser.parse(
                "access_id_CA X509 '" + CA + "'\nneg_rights globus CA:sign\n"));
        assertThrows(IllegalArgumentException.class, () -> SigningPolicyParser.parse(
                "access_id_CA KERBEROS '" + CA + "'\n"));
        assertThrows(IllegalArgumentException.class, () -> SigningPolicyParser.parse(
                "pos_rights globus CA:sign\n"));
        assertThrows(IllegalArgumentException.class, () -> SigningPolicyParser.parse(
                "access_id_CA X509 '" + CA + "\n"));
        assertThrows(IllegalArgumentException.class, () -> SigningPolicyParser.parse("access_id_CA X509"));
    }
}
