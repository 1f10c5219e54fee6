package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * VOMS through the mapping hook on a launched server ({@code --vomsdir}, {@code --fqan-account}):
 * a proxy carrying an attribute certificate made here with Bouncy Castle logs in as the account
 * its FQAN maps to, not the grid-mapfile account of its DN; an AC from a VOMS server the server
 * does not trust counts for nothing, and the DN's grid-mapfile account applies.
 */
public class VomsMappingIT {

    private static final String VO = "testvo";
    private static final String PRODUCTION = "/testvo/Role=production/Capability=NULL";
    private static final String FQAN_ACCOUNT = "vomsprod";
    private static final String VOMS_SERVER_DN = "/DC=test/DC=gridftp/CN=voms.test.org";

    private static final GsiPki PKI = GsiPki.make("voms-mapping-pki");
    private static final TestCredentials.Credential VOMS_SERVER = TestCredentials.endEntity(VOMS_SERVER_DN, PKI.ca());
    private static final Path VOMSDIR = vomsdir();

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("voms-mapping")
            .withOptions(PKI.launcherOptions("--command-log", "--vomsdir", VOMSDIR.toString(),
                    "--fqan-account", "/testvo/Role=production=" + FQAN_ACCOUNT, "--fqan-account", "/othervo=other"));

    private static Path vomsdir() {
        try {
            Path dir = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("voms-mapping-vomsdir"));
            TestCredentials.writePem(dir.resolve("voms.test.org.pem"), VOMS_SERVER.certificate());
            return dir;
        } catch (IOException e) {
            throw new AssertionError("cannot write the vomsdir: " + e, e);
        }
    }

    /** A proxy of the test user carrying an AC with {@code fqans}, signed by {@code signer}. */
    private static TestCredentials.Credential proxyWithAc(TestCredentials.Credential signer, String... fqans) {
        TestCredentials.Credential user = PKI.user();
        return TestCredentials.proxyOf(user).extension(VomsAttributeCertificates.PROXY_EXTENSION,
                VomsAttributeCertificates.proxyExtension(user.certificate(), signer, VO, List.of(fqans))).issue();
    }

    @Test
    public void aProxyWithATrustedVomsAcLogsInAsItsFqansAccountAndWritesThere() throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        byte[] content = "written under the FQAN's account\n".getBytes(StandardCharsets.US_ASCII);
        try (GsiTestClient client = GsiTestClient.connect(server.port(),
                proxyWithAc(VOMS_SERVER, PRODUCTION, "/testvo/Role=NULL/Capability=NULL")).authenticated()) {
            assertEquals("230 User " + FQAN_ACCOUNT + " logged in.", client.login().lines().get(0));
            storeWrapped(client, "voms.txt", content);
            FtpReply facts = client.enc("MLST /voms.txt");
            assertEquals(facts.toString(), 250, facts.code());
            assertTrue(facts.toString(), facts.toString().contains("Size=" + content.length + ";"));
        }
        assertArrayEquals(content, Files.readAllBytes(server.root().resolve("voms.txt")));
        List<String> replies = logs.repliesSince(before);
        assertTrue(replies.toString(), replies.contains("230 User " + FQAN_ACCOUNT + " logged in."));
        assertTrue(server.karafLogTail(400), server.karafLogTail(400)
                .contains(GsiPki.USER_DN + " logged in as " + FQAN_ACCOUNT));
    }

    @Test
    public void anAcFromAnUntrustedVomsServerCountsForNothing() throws IOException {
        // Same name as the trusted VOMS server, another key: only the signature tells them apart.
        TestCredentials.Credential impostor = TestCredentials.endEntity(VOMS_SERVER_DN, PKI.ca());
        try (GsiTestClient client = GsiTestClient.connect(server.port(), proxyWithAc(impostor, PRODUCTION))
                .authenticated()) {
            assertEquals("230 User " + GsiPki.ACCOUNT + " logged in.", client.login().lines().get(0));
        }
        assertTrue(server.karafLogTail(400), server.karafLogTail(400).contains("is not signed by a trusted VOMS server"));
    }

    @Test
    public void aProxyWithoutVomsAcIsMappedByTheGridMapfile() throws IOException {
        try (GsiTestClient client = GsiTestClient.connect(server.port(), TestCredentials.proxyOf(PKI.user()).issue())
                .authenticated()) {
            assertEquals("230 User " + GsiPki.ACCOUNT + " logged in.", client.login().lines().get(0));
        }
    }

    /** STOR over a clear passive data connection, every command and reply protected. */
    private static void storeWrapped(GsiTestClient client, String path, byte[] content) throws IOException {
        assertEquals(200, client.enc("DCAU N").code());
        assertEquals(200, client.enc("TYPE I").code());
        FtpReply passive = client.enc("PASV");
        assertEquals(passive.toString(), 227, passive.code());
        try (Socket data = new Socket()) {
            data.connect(FtpTestClient.hostPort(passive), 10_000);
            FtpReply started = client.enc("STOR " + path);
            assertTrue(started.toString(), started.isPreliminary());
            try (OutputStream out = data.getOutputStream()) {
                out.write(content);
            }
        }
        FtpReply done = client.readWrapped(632);
        assertEquals(done.toString(), 226, done.code());
    }
}
