package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * Explicit FTPS (RFC 4217) with the real curl: AUTH TLS with the GSI host credential, USER/PASS
 * of a password-file user inside TLS, PROT P data connections in TLS (full handshakes: the server
 * sends no session tickets), PROT C clear ones; the plain-password policy. Active mode is
 * not driven with curl: curl 7.87/7.88 cannot do active FTPS (curl/curl#10666); a JSSE client
 * covers it.
 */
public class FtpsIT {

    private static final GsiPki PKI = GsiPki.make("ftps-pki");
    private static final String USER = "ftpsuser";
    private static final String PASSWORD = "ftps-secret-7";

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("ftps").requiring("curl")
            .withOptions(PKI.launcherOptions("--command-log"));

    @BeforeClass
    public static void addPasswordUser() throws IOException {
        server.instance().addUser(USER, PASSWORD);
    }

    /** The test CA's certificate, as curl's --cacert wants it. */
    private static Path caCertificate() throws IOException {
        try (Stream<Path> files = Files.list(PKI.caDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no <hash>.0 CA file in " + PKI.caDir()));
        }
    }

    /** curl -v with TLS required on control and data (--ssl-reqd) or on the control channel only. */
    private static CommandRunner.Result curl(String tls, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--user", USER + ":" + PASSWORD));
        if (tls != null) {
            command.addAll(List.of(tls, "--cacert", caCertificate().toString()));
        }
        command.addAll(List.of(args));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), command);
    }

    /** How many TLS connections curl set up (its -v line per handshake, full or resumed). */
    private static long tlsConnections(CommandRunner.Result result) {
        return result.output().lines().filter(l -> l.startsWith("* SSL connection using TLS")).count();
    }

    @Test
    public void listUploadAndDownloadOverFtpsWithPrivateDataConnections() throws IOException {
        SessionCommandLogs logs = new SessionCommandLogs(server.instance());
        Set<Path> before = logs.snapshot();
        Files.createDirectories(server.root().resolve("dir"));
        Files.writeString(server.root().resolve("dir/listed.txt"), "listed");

        CommandRunner.Result listing = curl("--ssl-reqd", server.url("dir/")).assertSuccess();
        assertTrue(listing.output(), listing.output().lines().anyMatch(l -> l.endsWith(" listed.txt")));
        assertEquals("control and data connection in TLS:\n" + listing.output(), 2, tlsConnections(listing));

        Path source = TestData.randomFile(server.work().resolve("ftps.src"), 17, 6L << 20);
        String expected = TestData.sha256(source);
        CommandRunner.Result upload = curl("--ssl-reqd", "-T", source.toString(), server.url("dir/up.bin"))
                .assertSuccess();
        assertEquals(upload.output(), 2, tlsConnections(upload));
        assertEquals("SHA-256 on the server disk", expected, TestData.sha256(server.root().resolve("dir/up.bin")));

        Path downloaded = server.work().resolve("ftps.downloaded");
        CommandRunner.Result download = curl("--ssl-reqd", "-o", downloaded.toString(), server.url("dir/up.bin"))
                .assertSuccess();
        assertEquals(download.output(), 2, tlsConnections(download));
        assertEquals("SHA-256 of the downloaded copy", expected, TestData.sha256(downloaded));

        // Three sessions: TLS first, then the password login and PROT P inside it.
        assertEquals(logs.summary(), 3, logs.countRepliesSince(before, "234 Using authentication type TLS."));
        assertEquals(3, logs.countRepliesSince(before, "230 User " + USER + " logged in."));
        assertEquals(3, logs.countCommandsSince(before, "PBSZ 0"));
        assertEquals(3, logs.countCommandsSince(before, "PROT P"));
        assertEquals(3, logs.countRepliesSince(before, "200 Protection level set to P."));
    }

    /** PROT C after AUTH TLS: the password went in TLS, the data connection is clear. */
    @Test
    public void protCKeepsTheDataConnectionClearAfterAuthTls() throws IOException {
        Path onServer = TestData.randomFile(server.root().resolve("clear.bin"), 23, 1L << 20);
        Path copy = server.work().resolve("clear.copy");
        CommandRunner.Result result = curl("--ftp-ssl-control", "-o", copy.toString(), server.url("clear.bin"))
                .assertSuccess();
        assertTrue(result.output(), result.output().contains("> PROT C"));
        assertEquals("only the control connection in TLS:\n" + result.output(), 1, tlsConnections(result));
        assertEquals(TestData.sha256(onServer), TestData.sha256(copy));
    }

    /**
     * Active mode (PORT), which curl 7.88 cannot do over FTPS: the server connects, and is still
     * the TLS server (RFC 4217); this JSSE client is the TLS client on the connection it accepted.
     */
    @Test
    public void activeModeDataConnectionsHaveTheServerAsTlsServer() throws Exception {
        Path onServer = TestData.randomFile(server.root().resolve("active.bin"), 29, 3L << 20);
        byte[] upload = TestData.bytes(31, 1 << 20);
        SSLContext tls = trustingTheTestCa();
        byte[] downloaded;
        try (FtpTestClient client = FtpTestClient.overTls(server.port(), tls.getSocketFactory());
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(FtpTestClient.READ_TIMEOUT_MILLIS);
            client.login(USER, PASSWORD);
            client.command("PBSZ 0", 200);
            client.command("PROT P", 200);
            client.command("TYPE I", 200);
            String port = "PORT 127,0,0,1," + (listener.getLocalPort() >> 8) + "," + (listener.getLocalPort() & 255);

            client.command(port, 200);
            client.sendLine("RETR active.bin");
            try (SSLSocket data = acceptAsTlsClient(listener, tls)) {
                downloaded = data.getInputStream().readAllBytes();
            }
            FtpTestClient.expect(150, client.readReply(), "RETR");
            FtpTestClient.expect(226, client.readReply(), "RETR");

            client.command(port, 200);
            client.sendLine("STOR active-up.bin");
            try (SSLSocket data = acceptAsTlsClient(listener, tls)) {
                data.getOutputStream().write(upload);
            }
            FtpTestClient.expect(150, client.readReply(), "STOR");
            FtpTestClient.expect(226, client.readReply(), "STOR");
        }
        assertEquals(TestData.sha256(onServer), sha256(downloaded));
        assertEquals(sha256(upload), TestData.sha256(server.root().resolve("active-up.bin")));
    }

    private static SSLSocket acceptAsTlsClient(ServerSocket listener, SSLContext tls) throws IOException {
        Socket accepted = listener.accept();
        SSLSocket data = (SSLSocket) tls.getSocketFactory().createSocket(accepted, "127.0.0.1", accepted.getPort(), true);
        data.setUseClientMode(true);
        data.startHandshake();
        return data;
    }

    private static SSLContext trustingTheTestCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(caCertificate())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return tls;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    public void featAdvertisesFtpsAndPrivateDataNeedsTls() throws IOException {
        try (FtpTestClient client = FtpTestClient.connect(server.port())) {
            FtpReply feat = client.command("FEAT", 211);
            for (String line : List.of(" AUTH TLS", " PBSZ", " PROT")) {
                assertTrue(feat.toString(), feat.lines().contains(line));
            }
            client.login(USER, PASSWORD);
            client.command("PBSZ 0", 200);
            assertEquals("536 P protection level not supported.", client.command("PROT P", 536).lines().get(0));
        }
    }

    /**
     * Clear passwords: by default only from loopback (where this test runs: allowed); with
     * {@code never} refused at USER with 530 while FTPS logins go on.
     */
    @Test
    public void thePlainPasswordPolicyRefusesClearLoginsButNotFtps() throws IOException {
        curl(null, server.url("")).assertSuccess();
        server.shell("config:property-set -p org.gantry.security plainPasswordLogins never");
        try {
            Await.until("the server refuses clear passwords", Duration.ofSeconds(60), () -> {
                try {
                    return curl(null, server.url("")).exitCode() != 0;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CommandRunner.Result refused = curl(null, server.url(""));
            assertTrue(refused.output(), refused.output().contains("< 530 Passwords are not accepted in clear"));
            assertTrue("the password must not be sent:\n" + refused.output(), !refused.output().contains("> PASS"));
            curl("--ssl-reqd", server.url("")).assertSuccess();
        } finally {
            server.shell("config:property-set -p org.gantry.security plainPasswordLogins loopback");
        }
    }
}
