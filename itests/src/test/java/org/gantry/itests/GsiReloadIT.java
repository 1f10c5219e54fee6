package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * Changes to the GSI files of a running server count for the next session, without a restart:
 * a CA added to the CA directory, a grid-mapfile edit, a renewed host certificate. (A CRL added
 * at run time is {@link GsiRefusalIT}'s revocation test.) The class has its own PKI to change.
 */
public class GsiReloadIT {

    private static final GsiPki PKI = GsiPki.make("gsi-reload-pki");

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("gsi-reload").withOptions(PKI.launcherOptions());

    private static GsiTestClient connect(TestCredentials.Credential credential) throws IOException {
        return GsiTestClient.connect(server.port(), credential);
    }

    @Test
    public void aCaAddedToTheCaDirectoryIsTrustedByTheNextSession() throws IOException {
        TestCredentials.Credential otherCa = TestCredentials.ca("/DC=org/DC=other/CN=Other CA");
        TestCredentials.Credential otherUser = TestCredentials.endEntity("/DC=org/DC=other/CN=Other User", otherCa);
        Files.writeString(PKI.gridMapFile(), "\"/DC=org/DC=other/CN=Other User\" otheruser\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (GsiTestClient client = connect(TestCredentials.proxyOf(otherUser).issue())) {
            FtpReply refused = client.authenticate();
            assertEquals(refused.toString(), 535, refused.code());
            assertTrue(refused.toString(), refused.lines().get(0).contains("/DC=org/DC=other/CN=Other User"));
        }

        TestCredentials.addToCaDirectory(PKI.caDir(), otherCa, "/DC=org/DC=other/*");
        try (GsiTestClient client = connect(TestCredentials.proxyOf(otherUser).issue()).authenticated()) {
            assertEquals("230 User otheruser logged in.", client.login().lines().get(0));
        }
    }

    @Test
    public void aGridMapfileEditMapsTheNextLogin() throws IOException {
        String original = Files.readString(PKI.gridMapFile(), StandardCharsets.UTF_8);
        try {
            try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue()).authenticated()) {
                assertEquals("230 User " + GsiPki.ACCOUNT + " logged in.", client.login().lines().get(0));
            }
            Files.writeString(PKI.gridMapFile(), original.replace(" " + GsiPki.ACCOUNT, " remapped"), StandardCharsets.UTF_8);
            try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue()).authenticated()) {
                assertEquals("230 User remapped logged in.", client.login().lines().get(0));
            }
        } finally {
            Files.writeString(PKI.gridMapFile(), original, StandardCharsets.UTF_8);
        }
    }

    @Test
    public void aRenewedHostCertificateIsPresentedToTheNextSession() throws IOException {
        BigInteger before;
        try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue()).authenticated()) {
            before = client.serverCertificate().getSerialNumber();
        }
        TestCredentials.Credential renewed = TestCredentials.endEntity("/DC=test/DC=gridftp/CN=localhost", PKI.ca());
        // Rewritten in place, as certbot-like tools do; the key file keeps its owner-only mode.
        TestCredentials.writePem(PKI.hostKey(), renewed.key());
        TestCredentials.writePem(PKI.hostCertificate(), renewed.certificate());

        try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue()).authenticated()) {
            BigInteger after = client.serverCertificate().getSerialNumber();
            assertNotEquals("the old host certificate is still presented", before, after);
            assertEquals(renewed.certificate().getSerialNumber(), after);
            assertEquals(230, client.login().code());
        }
        assertTrue(server.karafLogTail(200), server.karafLogTail(200).contains("host credential reloaded"));
    }
}
