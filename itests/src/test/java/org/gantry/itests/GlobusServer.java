package org.gantry.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The reference Globus GridFTP server (globus-gridftp-server) as a real peer: anonymous
 * ({@code -aa}), or GSI-only after {@link #withGsi}; control and data on 127.0.0.1, a free port,
 * no config file, serving a data directory under the given base directory.
 *
 * <p>Globus refuses anonymous logins when it runs as root, so a root test run starts it as the
 * unprivileged account {@value #DEFAULT_ACCOUNT} (or {@code $GANTRY_GLOBUS_ACCOUNT}), which
 * tools/install-test-deps.sh creates. Globus paths are file-system paths: {@link #url} turns a
 * path below {@link #root()} into {@code ftp://127.0.0.1:<port>/<absolute path>} ({@code gsiftp://}
 * with GSI).
 */
public final class GlobusServer {

    public static final String DEFAULT_ACCOUNT = "gantry-globus";
    private static final String BINARY = "globus-gridftp-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path base;
    private final Path root;
    private final Path log;
    private final int port;
    /** Null when the test does not run as root: then Globus runs as the test's own user. */
    private final String account;
    private GsiPki gsi;
    private Process process;

    /** Describes a server whose files live under {@code base}; nothing runs until {@link #start}. */
    public GlobusServer(Path base) throws IOException {
        this.base = base.toAbsolutePath().normalize();
        this.root = this.base.resolve("data");
        this.log = this.base.resolve("globus.log");
        this.port = FreePorts.pick();
        this.account = runningAsRoot() ? requireAccount() : null;
    }

    /**
     * Makes {@link #start} run the server with GSI instead of anonymous logins: the host credential
     * of {@code pki} (copied into the server's own directory, as GSI wants the key private to the
     * server's account), trusting that PKI's CA, with a grid-mapfile mapping the PKI's user to the
     * server's account. Clients then need {@code gsiftp://} URLs ({@link #url}) and a proxy.
     */
    public GlobusServer withGsi(GsiPki pki) {
        this.gsi = pki;
        return this;
    }

    /** Starts the server with an empty data directory and waits for its 220 banner. */
    public GlobusServer start() throws IOException {
        Path binary = requireBinary();
        TestData.emptyDirectory(base);
        Files.createDirectories(root);
        // An empty config file: without -c Debian's /etc/gridftp.conf (port 2811) is loaded.
        Path config = Files.writeString(base.resolve("empty.conf"), "");
        Files.writeString(log, "");
        requireReachable(root);
        giveToServer(root);
        giveToServer(log);
        Map<String, String> environment = gsiEnvironment();

        List<String> command = new ArrayList<>();
        if (account != null) {
            // setpriv execs the server itself, so the process we hold is the daemon.
            command.addAll(List.of("setpriv", "--reuid=" + account, "--regid=" + account, "--init-groups", "--"));
        }
        command.addAll(List.of(binary.toString(), "-c", config.toString(), "-p", String.valueOf(port),
                "-control-interface", "127.0.0.1", "-data-interface", "127.0.0.1"));
        if (gsi == null) {
            command.add("-aa"); // with GSI, leaving it out makes the host credential mandatory
        }
        command.addAll(List.of("-home-dir", root.toString(), "-log-level", "ERROR,WARN,INFO", "-l", log.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("globus.out").toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
        awaitBanner(String.join(" ", command));
        return this;
    }

    /** Stops the daemon and every per-connection process it forked. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle p : tree) {
            if (!waitForExit(p)) {
                p.destroyForcibly();
                survivors.add(String.valueOf(p.pid()));
            }
        }
        process = null;
        assertTrue("Globus server processes ignored SIGTERM and were killed: " + survivors, survivors.isEmpty());
    }

    public int port() {
        return port;
    }

    /** The directory the server serves (also its -home-dir). */
    public Path root() {
        return root;
    }

    /**
     * {@code ftp://127.0.0.1:<port>/<absolute path of relative below root>}, keeping a trailing
     * "/"; {@code gsiftp://} with GSI (the host certificate names 127.0.0.1 too).
     */
    public String url(String relative) {
        String path = root.resolve(relative).toString();
        String scheme = gsi == null ? "ftp" : "gsiftp";
        return scheme + "://127.0.0.1:" + port + path + (relative.endsWith("/") ? "/" : "");
    }

    /**
     * Hands files the test wrote below {@link #root()} to the server's account, so that it can read
     * them (and write into directories) whatever the test's umask was. A no-op when not root.
     */
    public void giveToServer(Path tree) throws IOException {
        if (account == null) {
            return;
        }
        UserPrincipalLookupService lookup = tree.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(account);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(account);
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The server's GSI credential in {@code <base>/gsi/}, owned by its account; none without GSI. */
    private Map<String, String> gsiEnvironment() throws IOException {
        if (gsi == null) {
            return Map.of();
        }
        requireReachable(gsi.caDir());
        Path credential = base.resolve("gsi");
        String mapped = account != null ? account : System.getProperty("user.name");
        Map<String, String> environment = gsi.globusServerEnvironment(credential, mapped);
        giveToServer(credential);
        return environment;
    }

    private void awaitBanner(String commandLine) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Globus server exited with " + process.exitValue() + " right after start: " + commandLine
                        + "\n--- output ---\n" + Files.readString(base.resolve("globus.out"))
                        + "\n--- log ---\n" + logTail(40));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(10_000);
                String banner = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                assertTrue("not a Globus GridFTP banner on port " + port + ": " + banner,
                        banner != null && banner.startsWith("220 ") && banner.contains("GridFTP Server"));
                return;
            } catch (IOException notYet) {
                last = notYet;
            }
            Await.pause();
        }
        stop();
        fail("Globus server did not answer on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds()
                + " s (" + last + "): " + commandLine + "\n--- log ---\n" + logTail(40));
    }

    private static boolean waitForExit(ProcessHandle p) {
        try {
            p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Debian installs the server in /usr/sbin, which is not on every user's PATH. */
    private static Path requireBinary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, BINARY);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(BINARY + " is not installed (looked in PATH and /usr/sbin); "
                + "run tools/install-test-deps.sh (Debian package globus-gridftp-server-progs)");
    }

    private static boolean runningAsRoot() throws IOException {
        return run("id", "-u").output().trim().equals("0");
    }

    private static String requireAccount() throws IOException {
        String name = System.getenv().getOrDefault("GANTRY_GLOBUS_ACCOUNT", DEFAULT_ACCOUNT);
        if (run("getent", "passwd", name).exitCode() != 0) {
            throw new AssertionError("the tests run as root, and the Globus server refuses anonymous logins as "
                    + "root, so it must run as the unprivileged account '" + name + "', which does not exist. "
                    + "Run tools/install-test-deps.sh as root (it creates the account), or set "
                    + "GANTRY_GLOBUS_ACCOUNT to an existing unprivileged account.");
        }
        return name;
    }

    /** The server's account must be able to walk down to its data directory. */
    private void requireReachable(Path dir) throws IOException {
        if (account == null) {
            return;
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new AssertionError("the Globus server runs as '" + account + "' and cannot enter " + p
                        + " (mode " + PosixFilePermissions.toString(perms)
                        + "); give it o+x or run the tests from a directory others can traverse");
            }
        }
    }

    private static CommandRunner.Result run(String... command) throws IOException {
        return CommandRunner.run(Duration.ofSeconds(30), Map.of(), command);
    }
}
