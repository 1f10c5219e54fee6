package org.gantry.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throw-away GSI PKI made by the repository's {@code tools/make-test-pki.sh} (CA with signing
 * policy, host certificate for localhost, an RFC 3820 user proxy from grid-proxy-init, and a
 * grid-mapfile mapping the user to {@value #ACCOUNT}), in {@code <work>/<name>/}. Fails, never
 * skips, when openssl or grid-proxy-init is missing.
 */
public final class GsiPki {

    public static final String ACCOUNT = "gftp";
    public static final String USER_DN = "/DC=test/DC=gridftp/CN=Test User";

    private final Path dir;

    private GsiPki(Path dir) {
        this.dir = dir;
    }

    public static GsiPki make(String name) {
        CommandRunner.requireTool("openssl");
        CommandRunner.requireTool("grid-proxy-init");
        try {
            Path dir = TestData.emptyDirectory(GantryInstance.workDirectory().resolve(name));
            Path script = Path.of(GantryKarafTestSupport.required("gantry.repo"), "tools", "make-test-pki.sh");
            CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), "sh", script.toString(), dir.toString(), ACCOUNT)
                    .assertSuccess();
            return new GsiPki(dir);
        } catch (IOException e) {
            throw new AssertionError("cannot make the test PKI: " + e, e);
        }
    }

    public Path caDir() {
        return dir.resolve("certificates");
    }

    public Path proxy() {
        return dir.resolve("proxy");
    }

    public Path gridMapFile() {
        return dir.resolve("grid-mapfile");
    }

    /** The CA's certificate and key, to issue certificates and CRLs in tests. */
    public TestCredentials.Credential ca() {
        return TestCredentials.read(dir.resolve("ca/ca.pem"), dir.resolve("ca/ca.key"));
    }

    /** The user's end-entity certificate and key ({@value #USER_DN}). */
    public TestCredentials.Credential user() {
        return TestCredentials.read(dir.resolve("user/usercert.pem"), dir.resolve("user/userkey.pem"));
    }

    public Path hostCertificate() {
        return dir.resolve("host/hostcert.pem");
    }

    public Path hostKey() {
        return dir.resolve("host/hostkey.pem");
    }

    /**
     * The {@code ./gantry start} options that turn GSI on with this PKI's host credential,
     * followed by {@code extra} (e.g. {@code --command-log}).
     */
    public String[] launcherOptions(String... extra) {
        List<String> options = new ArrayList<>(List.of("--host-cert", hostCertificate().toString(),
                "--host-key", hostKey().toString(), "--ca-dir", caDir().toString(),
                "--gridmap", gridMapFile().toString()));
        options.addAll(List.of(extra));
        return options.toArray(String[]::new);
    }

    /**
     * A copy of the host credential (cert 0644, key 0600) and a grid-mapfile mapping the test
     * user to {@code account}, in {@code dir}, for a Globus server: GSI rejects a key that is not
     * private to the server's own user, so the caller hands {@code dir} to that user. Returns the
     * environment in which the server finds them and this PKI's CA.
     */
    public Map<String, String> globusServerEnvironment(Path dir, String account) throws IOException {
        Files.createDirectories(dir);
        Path cert = Files.copy(hostCertificate(), dir.resolve("hostcert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Path key = Files.copy(hostKey(), dir.resolve("hostkey.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path gridMap = Files.writeString(dir.resolve("grid-mapfile"), "\"" + USER_DN + "\" " + account + "\n",
                StandardCharsets.UTF_8);
        return Map.of("X509_CERT_DIR", caDir().toString(), "X509_USER_CERT", cert.toString(),
                "X509_USER_KEY", key.toString(), "GRIDMAP", gridMap.toString());
    }

    /** The environment of a GSI client using {@code proxy} and trusting this PKI's CA. */
    public Map<String, String> clientEnvironment(Path proxy) {
        return Map.of("X509_CERT_DIR", caDir().toString(), "X509_USER_PROXY", proxy.toString());
    }

    /** grid-proxy-info's view of a proxy file, e.g. its type line. */
    public String proxyInfo(Path proxy, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("grid-proxy-info", "-f", proxy.toString()));
        command.addAll(List.of(options));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of("X509_CERT_DIR", caDir().toString()), command)
                .assertSuccess().output().trim();
    }
}
