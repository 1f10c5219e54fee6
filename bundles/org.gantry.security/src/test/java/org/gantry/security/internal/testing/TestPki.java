package org.gantry.security.internal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.gantry.security.internal.x509.CredentialException;
import org.gantry.security.internal.x509.PemFile;

/**
 * The project's throw-away GSI PKI ({@code tools/make-test-pki.sh}: a CA with signing
 * policy, host and user certificates, a grid-mapfile and an RFC 3820 proxy made by
 * {@code grid-proxy-init}), made once per test JVM in a temporary directory.
 *
 * <p>Fails, never skips, when the script, openssl or grid-proxy-init is missing:
 * {@code tools/install-test-deps.sh} installs them. The script is the repository's
 * {@code tools/make-test-pki.sh} (found from the test's working directory upwards), or the one
 * the environment variable {@code GANTRY_TEST_PKI_SCRIPT} names.
 */
public final class TestPki {

    public static final String USER_DN = "/DC=test/DC=gridftp/CN=Test User";
    public static final String HOST_DN = "/DC=test/DC=gridftp/CN=localhost";
    public static final String CA_DN = "/DC=test/DC=gridftp/CN=Test GridFTP CA";
    public static final String LOCAL_USER = "gftp";

    private static TestPki instance;

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** The PKI, made on first use. */
    public static synchronized TestPki get() {
        if (instance == null) {
            instance = make();
        }
        return instance;
    }

    private static TestPki make() {
        requireTool("openssl");
        requireTool("grid-proxy-init");
        Path script = findScript();
        try {
            Path dir = Files.createTempDirectory("gantry-test-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Process process = new ProcessBuilder("sh", script.toString(), dir.toString(), LOCAL_USER)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(script + " failed: " + output);
            }
            return new TestPki(dir);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while making the test PKI", e);
        }
    }

    private static void requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed; the GSI tests need it to make their PKI"
                + " (run tools/install-test-deps.sh: openssl, and grid-proxy-init from globus-proxy-utils)");
    }

    private static Path findScript() {
        String override = System.getenv("GANTRY_TEST_PKI_SCRIPT");
        if (override != null && !override.isEmpty()) {
            return Paths.get(override);
        }
        for (Path at = Paths.get("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("tools/make-test-pki.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("tools/make-test-pki.sh not found above " + Paths.get("").toAbsolutePath()
                + "; set GANTRY_TEST_PKI_SCRIPT");
    }

    public Path dir() {
        return dir;
    }

    public Path caDir() {
        return dir.resolve("certificates");
    }

    public Path gridMapFile() {
        return dir.resolve("grid-mapfile");
    }

    public Path proxyFile() {
        return dir.resolve("proxy");
    }

    public Path hostCertFile() {
        return dir.resolve("host/hostcert.pem");
    }

    public Path hostKeyFile() {
        return dir.resolve("host/hostkey.pem");
    }

    public Path userCertFile() {
        return dir.resolve("user/usercert.pem");
    }

    public Path userKeyFile() {
        return dir.resolve("user/userkey.pem");
    }

    public X509Certificate caCertificate() {
        return read(dir.resolve("ca/ca.pem")).certificates().get(0);
    }

    public PrivateKey caKey() {
        return read(dir.resolve("ca/ca.key")).privateKey().orElseThrow();
    }

    public X509Certificate userCertificate() {
        return read(userCertFile()).certificates().get(0);
    }

    public PrivateKey userKey() {
        return read(userKeyFile()).privateKey().orElseThrow();
    }

    /** The grid-proxy-init proxy file: proxy, its key, the user certificate. */
    public PemFile proxy() {
        return read(proxyFile());
    }

    /** A copy of the CA directory that a test may change. */
    public Path copyCaDir(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(caDir())) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /** The names of the CA directory's files with suffix {@code suffix} ({@code .0}, {@code .signing_policy}). */
    public List<String> caDirFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(caDir())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    private static PemFile read(Path file) {
        try {
            return PemFile.read(file);
        } catch (CredentialException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
