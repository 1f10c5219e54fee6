package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * GSI on the control channel with the real globus-url-copy: AUTH GSSAPI with an RFC 3820 proxy,
 * delegation, ENC-wrapped commands, grid-mapfile mapping; data channels clear ({@code -nodcau}).
 * Refusals: a proxy from a CA the server does not trust (535), a DN not in the grid-mapfile
 * (530), garbage ADAT tokens (501/535, the session goes on).
 */
public class GsiIT {

    private static final GsiPki PKI = GsiPki.make("gsi-pki");

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("gsi")
            .requiring("globus-url-copy", "gfal-ls", "gfal-copy")
            .withOptions(PKI.launcherOptions("--command-log"));

    private static String gsiUrl(String path) {
        return "gsiftp://localhost:" + server.port() + "/" + path;
    }

    private static CommandRunner.Result guc(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy"));
        command.addAll(List.of(args));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, environment, command);
    }

    @Test
    public void theClientCredentialIsAnRfc3820Proxy() throws IOException {
        assertEquals("RFC 3820 compliant impersonation proxy", PKI.proxyInfo(PKI.proxy(), "-type"));
    }

    @Test
    public void putGetAndListOverGsiWithClearDataChannels() throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        Map<String, String> env = PKI.clientEnvironment(PKI.proxy());
        Path source = TestData.randomFile(server.work().resolve("gsi.src"), 31, 5L << 20);
        String expected = TestData.sha256(source);

        guc(env, "-nodcau", fileUrl(source), gsiUrl("gsi.bin")).assertSuccess();
        Path onServer = server.root().resolve("gsi.bin");
        assertEquals("SHA-256 on the server disk", expected, TestData.sha256(onServer));

        Path downloaded = server.work().resolve("gsi.downloaded");
        guc(env, "-nodcau", gsiUrl("gsi.bin"), fileUrl(downloaded)).assertSuccess();
        assertEquals("SHA-256 of the downloaded copy", expected, TestData.sha256(downloaded));

        Files.createDirectory(server.root().resolve("listed"));
        Files.writeString(server.root().resolve("listed/a.txt"), "a");
        String listing = guc(env, "-nodcau", "-list", gsiUrl("listed/")).assertSuccess().output();
        Set<String> names = listing.lines().map(String::trim).collect(Collectors.toSet());
        assertTrue("a.txt missing from the listing:\n" + listing, names.contains("a.txt"));

        // Three sessions, each authenticated, delegated and mapped; the log holds the plain dialogue.
        assertEquals(logs.summary(), 3, logs.countCommandsSince(before, "AUTH GSSAPI"));
        assertEquals(3, logs.countRepliesSince(before, "235 GSSAPI Authentication successful."));
        assertEquals(3, logs.countCommandsSince(before, "USER :globus-mapping:"));
        assertEquals(3, logs.countRepliesSince(before, "230 User " + GsiPki.ACCOUNT + " logged in."));
    }

    @Test
    public void gfal2ListsAndCopiesOverGsi() throws IOException {
        Files.createDirectory(server.root().resolve("gfal"));
        Path onServer = TestData.randomFile(server.root().resolve("gfal/data.bin"), 7, 1L << 20);
        Map<String, String> env = PKI.clientEnvironment(PKI.proxy());

        String listing = Gfal.run(env, List.of("gfal-ls", gsiUrl("gfal/"))).output();
        assertTrue(listing, listing.lines().map(String::trim).anyMatch("data.bin"::equals));
        Path copy = server.work().resolve("gfal.copy");
        Gfal.run(env, List.of("gfal-copy", gsiUrl("gfal/data.bin"), fileUrl(copy)));
        assertEquals(TestData.sha256(onServer), TestData.sha256(copy));
    }

    /** jGlobus negotiates TLS 1.2, where the server's Finished, not a zero byte, precedes the delegation flag. */
    @Test
    public void jglobusAuthenticatesAndTransfers() throws IOException {
        JGlobusRunner jglobus = JGlobusRunner.compile(server.work().resolve("jglobus-classes"));
        Path onServer = TestData.randomFile(server.root().resolve("jg.bin"), 5, 3L << 20);
        Path copy = server.work().resolve("jg.copy");
        Map<String, String> properties = Map.of("gantry.gsi", "true", "X509_CERT_DIR", PKI.caDir().toString(),
                "X509_USER_PROXY", PKI.proxy().toString());
        String output = jglobus.runWith(properties, "localhost", String.valueOf(server.port()),
                "size", "/jg.bin", "eget", "/jg.bin", copy.toString(), "2").assertSuccess().output();
        assertTrue(output, output.contains("OK size /jg.bin " + (3L << 20)));
        assertEquals(TestData.sha256(onServer), TestData.sha256(copy));
    }

    @Test
    public void aProxyFromAnUntrustedCaIsRefusedWith535() throws IOException {
        // Same CA name, other key: the server must check signatures, not names.
        GsiPki other = GsiPki.make("gsi-pki-untrusted");
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        CommandRunner.Result result = guc(PKI.clientEnvironment(other.proxy()), "-nodcau", gsiUrl("x"),
                fileUrl(server.work().resolve("never")));
        assertNotEquals("globus-url-copy must fail:\n" + result.output(), 0, result.exitCode());
        assertTrue(result.output(), result.output().contains("535 GSSAPI authentication failed: certificate chain refused"));
        List<String> replies = logs.repliesSince(before);
        assertTrue(replies.toString(), replies.stream().anyMatch(r -> r.startsWith("535 ")
                && r.contains("/DC=test/DC=gridftp/CN=Test User") && r.contains("signature does not verify")));
        assertTrue(replies.toString(), replies.stream().noneMatch(r -> r.startsWith("230 ")));
    }

    @Test
    public void aDnOutsideTheGridMapfileGets530() throws IOException {
        Path gridMap = PKI.gridMapFile();
        String original = Files.readString(gridMap, StandardCharsets.UTF_8);
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        try {
            // The grid-mapfile is re-read when it changes: no restart.
            Files.writeString(gridMap, "\"/DC=test/DC=gridftp/CN=Somebody Else\" other\n", StandardCharsets.UTF_8);
            CommandRunner.Result result = guc(PKI.clientEnvironment(PKI.proxy()), "-nodcau", gsiUrl("x"),
                    fileUrl(server.work().resolve("never")));
            assertNotEquals("globus-url-copy must fail:\n" + result.output(), 0, result.exitCode());
            assertTrue(result.output(), result.output().contains("530 Login incorrect"));
        } finally {
            Files.writeString(gridMap, original, StandardCharsets.UTF_8);
        }
        List<String> replies = logs.repliesSince(before);
        assertTrue(replies.toString(), replies.contains("235 GSSAPI Authentication successful."));
        assertTrue(replies.toString(), replies.stream().anyMatch(r -> r.startsWith("530 Login incorrect: "
                + GsiPki.USER_DN + " is not mapped")));
    }

    @Test
    public void garbageAdatIsRefusedAndTheSessionGoesOn() throws IOException {
        try (FtpTestClient client = FtpTestClient.connect(server.port())) {
            client.command("ADAT AAAA", 503);
            client.command("AUTH GSSAPI", 334);
            client.command("ADAT ***not base64***", 501);
            String junk = Base64.getEncoder().encodeToString("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            FtpReply refused = client.command("ADAT " + junk, 535);
            assertTrue(refused.toString(), refused.lines().get(0).contains("TLS handshake failed"));
            client.command("ADAT " + junk, 503); // the failed context is gone
            client.command("AUTH GSSAPI", 334);
            client.command("QUIT", 221);
        }
    }
}
