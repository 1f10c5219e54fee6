package org.gantry.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Gantry server started the way a user starts it: through the repository's {@code ./gantry}
 * launcher, as instance {@code it-<name>} in {@code run/it-<name>/}, anonymous read-write on a
 * free port, listening on 127.0.0.1 unless another loopback address is given. {@link #stop()}
 * checks the launcher's promise that nothing is left running.
 */
public final class GantryInstance {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(120);
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final String DEFAULT_LISTEN = "127.0.0.1";

    private final Path repo;
    private final String instance;
    private final Path root;
    private final String listen;
    private final int port;
    private List<String> launcherPrefix = List.of();
    private boolean getPut;
    private Long pid;
    private List<String> startArgs = List.of();
    private List<ProcessHandle> karafProcesses = List.of();

    /** Describes an instance; nothing runs until {@link #start}. */
    public GantryInstance(String name, Path root) {
        this(name, root, DEFAULT_LISTEN);
    }

    /** Describes an instance whose control port listens on {@code listen} (e.g. {@code ::1}). */
    public GantryInstance(String name, Path root, String listen) {
        this.listen = listen;
        this.repo = Path.of(GantryKarafTestSupport.required("gantry.repo")).toAbsolutePath().normalize();
        this.instance = "it-" + name;
        this.root = root.toAbsolutePath().normalize();
        this.port = FreePorts.pick();
    }

    /**
     * Runs every launcher invocation (start, stop, shell) behind {@code prefix}, e.g.
     * {@code ip netns exec NS}, so that the server lives where that command puts it.
     */
    public GantryInstance launchedThrough(List<String> prefix) {
        this.launcherPrefix = List.copyOf(prefix);
        return this;
    }

    /**
     * Lists GETPUT in FEAT, so that globus-url-copy and gfal2 use GET/PUT. Off by default: the
     * GridFTP v1 tests must keep seeing RETR/STOR.
     */
    public GantryInstance withGetPut() {
        this.getPut = true;
        return this;
    }

    /** The work directory of this module (target/), for test files. */
    public static Path workDirectory() {
        return Path.of(GantryKarafTestSupport.required("gantry.itests.work")).toAbsolutePath().normalize();
    }

    /**
     * Starts the instance with a fresh run directory and an empty root, plus any extra launcher
     * options. Asserts that the launcher exits 0 and prints the server's URL.
     */
    public GantryInstance start(String... extraOptions) throws IOException {
        requireBuilt(repo.resolve("karaf-assembly/target/gantry-karaf-assembly-" + VERSION + ".tar.gz"));
        requireBuilt(repo.resolve("bundles/org.gantry.security/target/org.gantry.security-" + VERSION + ".jar"));
        // A run killed half-way may have left this instance running: stop it, then start afresh.
        launcher(STOP_TIMEOUT, "stop", "--instance", instance);
        TestData.deleteTree(instanceDirectory());
        TestData.emptyDirectory(root);

        List<String> args = new ArrayList<>(List.of("start", "--instance", instance,
                "--port", String.valueOf(port), "--root", root.toString(), "--anonymous"));
        if (!DEFAULT_LISTEN.equals(listen)) {
            args.addAll(List.of("--listen", listen));
        }
        args.addAll(List.of("--set", "getPut=" + getPut));
        args.addAll(List.of(extraOptions));
        startArgs = List.copyOf(args);
        launch();
        return this;
    }

    /**
     * Stops the instance (asserting nothing is left, as {@link #stop()}) and starts it again with
     * the same options, keeping its run directory: installed features, etc/ and data survive,
     * as they do when an operator restarts a server.
     */
    public GantryInstance restart() throws IOException {
        assertTrue("restart of an instance that was never started", !startArgs.isEmpty());
        stop();
        pid = null;
        karafProcesses = List.of();
        launch();
        return this;
    }

    private void launch() throws IOException {
        List<String> args = startArgs;
        CommandRunner.Result started = launcher(START_TIMEOUT, args.toArray(String[]::new));
        pid = readPid().orElse(null);
        karafProcesses = processTree(pid);
        if (started.exitCode() != 0) {
            fail("./gantry " + String.join(" ", args) + " exited with " + started.exitCode() + "\n"
                    + started.output() + "\n--- karaf.log (tail) ---\n" + karafLogTail(60));
        }
        // The launcher prints the address as given, without IPv6 brackets.
        String url = "ftp://" + listen + ":" + port + "/";
        assertTrue("./gantry start must print the URL " + url + ", printed:\n" + started.output(),
                started.output().contains(url));
        assertTrue("no live Karaf process recorded in " + pidFile() + " after start", pid != null);
    }

    /**
     * Stops the instance (also when {@link #start} failed half-way) and asserts that the Karaf
     * process recorded in karaf.pid, and every process below it, is gone. Survivors are killed
     * before the assertion fails, so that a broken stop does not leave servers behind.
     */
    public void stop() throws IOException {
        Optional<Long> recorded = readPid();
        if (pid == null) {
            pid = recorded.orElse(null);
        }
        List<ProcessHandle> watched = new ArrayList<>(karafProcesses);
        recorded.ifPresent(p -> watched.addAll(processTree(p)));
        if (pid != null) {
            watched.addAll(processTree(pid));
        }
        CommandRunner.Result stopped = launcher(STOP_TIMEOUT, "stop", "--instance", instance);
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle process : watched) {
            if (process.isAlive()) {
                survivors.add(process.pid() + " (" + process.info().command().orElse("?") + ")");
                destroy(process);
            }
        }
        stopped.assertSuccess();
        if (!survivors.isEmpty()) {
            fail("./gantry stop --instance " + instance + " (karaf.pid " + pid + ") left processes running: "
                    + String.join(", ", survivors) + " [the test killed them]; stop said: " + stopped.output().trim());
        }
        if (pid != null) {
            assertFalse("Karaf pid " + pid + " still alive after ./gantry stop",
                    ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    /** TERM, and KILL if it is still there after 30 s. */
    private static void destroy(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one Karaf shell command through {@code ./gantry shell}; fails unless it succeeds. */
    public String shell(String command) throws IOException {
        CommandRunner.Result result = launcher(SHELL_TIMEOUT, "shell", "--instance", instance, command);
        result.assertSuccess();
        return result.output();
    }

    /**
     * Adds a password user to the running instance with {@code ./gantry user-add} (password on
     * stdin); the server re-reads the password file on the next login.
     */
    public void addUser(String name, String password) throws IOException {
        String script = "printf '%s\\n' \"$GANTRY_USER_PASSWORD\" | \"$0\" user-add \"$1\" --instance \"$2\"";
        CommandRunner.run(SHELL_TIMEOUT, Map.of("GANTRY_USER_PASSWORD", password),
                List.of("bash", "-c", script, repo.resolve("gantry").toString(), name, instance)).assertSuccess();
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    /** {@code ftp://127.0.0.1:<port>/<path>} (an IPv6 listen address in brackets). */
    public String url(String path) {
        String host = listen.contains(":") ? "[" + listen + "]" : listen;
        return "ftp://" + host + ":" + port + "/" + path;
    }

    /** The unpacked Karaf of this instance. */
    public Path karafHome() {
        return instanceDirectory().resolve("karaf");
    }

    /** The last lines of this instance's data/log/karaf.log, for failure messages. */
    public String karafLogTail(int lines) {
        Path log = karafHome().resolve("data/log/karaf.log");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private Path instanceDirectory() {
        return repo.resolve("run").resolve(instance);
    }

    private Path pidFile() {
        return instanceDirectory().resolve("karaf.pid");
    }

    private Optional<Long> readPid() throws IOException {
        Path file = pidFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
    }

    private static List<ProcessHandle> processTree(Long pid) {
        if (pid == null) {
            return List.of();
        }
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            tree.add(p);
            tree.addAll(p.descendants().toList());
        });
        return tree;
    }

    private CommandRunner.Result launcher(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcherPrefix);
        command.add(repo.resolve("gantry").toString());
        command.addAll(List.of(args));
        return CommandRunner.run(timeout, Map.of(), command);
    }

    /** Without these the launcher would run a full Maven build from inside a test. */
    private static void requireBuilt(Path artifact) {
        assertTrue(artifact + " is missing: build the bundles and the assembly before the itests",
                Files.isRegularFile(artifact));
    }
}
