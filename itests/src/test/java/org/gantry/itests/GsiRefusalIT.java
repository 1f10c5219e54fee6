package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * GSI refusals with chains no real client would send, through {@link GsiTestClient} against a
 * launched server: each gets a 535 that says what is wrong with the chain (also in the session's
 * command log), and no login. Also: the test client works end to end (so the refusals are about
 * the chains), and a plain command after the context is established gets 533. This class has its
 * own PKI, so the CRL it adds to the CA directory disturbs no other test.
 */
public class GsiRefusalIT {

    private static final GsiPki PKI = GsiPki.make("gsi-refusal-pki");
    private static final TestCredentials.Credential CA = PKI.ca();

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("gsi-refusal")
            .withOptions(PKI.launcherOptions("--command-log"));

    private static GsiTestClient connect(TestCredentials.Credential credential) throws IOException {
        return GsiTestClient.connect(server.port(), credential);
    }

    /** Presents {@code chain}, expects a 535 naming {@code reason}, in the reply and in the session log. */
    private static void assertRefused(TestCredentials.Credential chain, String reason) throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        try (GsiTestClient client = connect(chain)) {
            FtpReply refused = client.authenticate();
            assertEquals(refused.toString(), 535, refused.code());
            String text = refused.lines().get(0);
            assertTrue(text, text.startsWith("535 GSSAPI authentication failed: certificate chain refused: "));
            assertTrue(text, text.contains(reason));
            // The session goes on in plain text: the client may start over or leave.
            client.ftp().command("QUIT", 221);
        }
        List<String> replies = logs.repliesSince(before);
        assertTrue(replies.toString(), replies.stream().anyMatch(r -> r.startsWith("535 ") && r.contains(reason)));
        assertTrue(replies.toString(), replies.stream().noneMatch(r -> r.startsWith("230 ")));
    }

    @Test
    public void aWellFormedProxyLogsInAndGetsWrappedReplies() throws IOException {
        TestCredentials.Credential proxy = TestCredentials.proxyOf(PKI.user()).issue();
        try (GsiTestClient client = connect(proxy).authenticated()) {
            assertEquals("230 User " + GsiPki.ACCOUNT + " logged in.", client.login().lines().get(0));
            assertEquals(257, client.enc("PWD").code());
            assertEquals(200, client.mic("NOOP").code());
            assertEquals(200, client.conf("TYPE I").code());
            assertEquals("CN=localhost", client.serverCertificate().getSubjectX500Principal().getName().split(",")[0]);
        }
    }

    @Test
    public void anExpiredProxyIsRefused() throws IOException {
        TestCredentials.Credential user = TestCredentials.endEntity("/DC=test/DC=gridftp/CN=Late User", CA);
        Instant now = Instant.now();
        TestCredentials.Credential expired = TestCredentials.proxyOf(user)
                .validity(now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(10))).issue();
        assertRefused(expired, "expired on");
    }

    @Test
    public void aProxyWhoseSubjectDoesNotExtendItsIssuersIsRefused() throws IOException {
        TestCredentials.Credential forged = TestCredentials.proxyOf(PKI.user())
                .subject("/DC=test/DC=gridftp/CN=Somebody Else/CN=12345").issue();
        assertRefused(forged, "is not its issuer's subject " + GsiPki.USER_DN + " plus one CN");
    }

    @Test
    public void aProxyClaimingToBeACaIsRefused() throws IOException {
        TestCredentials.Credential ca = TestCredentials.proxyOf(PKI.user()).claimingCa().issue();
        assertRefused(ca, "claims to be a CA");
    }

    /** The CRL is added while the server runs: the CA directory is re-read, no restart. */
    @Test
    public void anEndEntityCertificateRevokedByTheCrlIsRefused() throws IOException {
        TestCredentials.Credential user = TestCredentials.endEntity("/DC=test/DC=gridftp/CN=Revoked User", CA);
        try (GsiTestClient client = connect(TestCredentials.proxyOf(user).issue())) {
            assertEquals("before the CRL, the chain is good", 235, client.authenticate().code());
        }
        String hash = TestCredentials.subjectHash(PKI.caDir().resolve(caFileName()));
        TestCredentials.writePem(PKI.caDir().resolve(hash + ".r0"), TestCredentials.crl(CA, user.certificate()));
        assertRefused(TestCredentials.proxyOf(user).issue(),
                "(serial " + user.certificate().getSerialNumber() + ") was revoked by CA");
        // Only that certificate: the test user of the same CA still logs in.
        try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue())) {
            assertEquals(235, client.authenticate().code());
        }
    }

    @Test
    public void aPlainCommandAfterTheContextIsEstablishedGets533() throws IOException {
        try (GsiTestClient client = connect(TestCredentials.proxyOf(PKI.user()).issue()).authenticated()) {
            FtpReply refused = client.plain("USER :globus-mapping:");
            assertEquals(refused.toString(), 533, refused.code());
            assertTrue(refused.toString(), refused.lines().get(0).contains("must be wrapped in MIC, ENC or CONF"));
            // Not logged in by it, and the session still works wrapped.
            assertEquals(530, client.enc("PWD").code());
            assertEquals(230, client.login().code());
        }
    }

    private static String caFileName() throws IOException {
        try (var files = Files.list(PKI.caDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".0")).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no CA certificate in " + PKI.caDir()));
        }
    }
}
