package org.gantry.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.rules.ExternalResource;

/**
 * A {@link GantryInstance} for a test class ({@code @ClassRule}) or, in try-with-resources, for
 * one test: fails (never skips) when a required client is missing, gives the server an empty
 * work directory {@code <work>/<name>/} whose {@code root/} it serves, starts it and stops it.
 * The server is also stopped when its start failed half-way, so no run leaves a server behind.
 */
public final class LaunchedServer extends ExternalResource implements AutoCloseable {

    private static final String DEFAULT_LISTEN = "127.0.0.1";

    private final String name;
    private List<String> tools = List.of();
    private String listen = DEFAULT_LISTEN;
    private String[] launcherOptions = {};
    private boolean getPut;
    private Path work;
    private GantryInstance instance;

    /** Instance {@code it-<name>}, work directory {@code <name>}: unique per test class. */
    public LaunchedServer(String name) {
        this.name = name;
    }

    /** Clients that must be on PATH before the server is worth starting. */
    public LaunchedServer requiring(String... clients) {
        this.tools = List.of(clients);
        return this;
    }

    /** Another loopback address for the control port (e.g. {@code ::1}). */
    public LaunchedServer listeningOn(String address) {
        this.listen = address;
        return this;
    }

    /** Extra {@code ./gantry start} options, e.g. {@code --command-log}. */
    public LaunchedServer withOptions(String... options) {
        this.launcherOptions = options.clone();
        return this;
    }

    /** Lists GETPUT in FEAT (see {@link GantryInstance#withGetPut()}). */
    public LaunchedServer withGetPut() {
        this.getPut = true;
        return this;
    }

    @Override
    protected void before() throws IOException {
        start();
    }

    @Override
    protected void after() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server; a failed start stops whatever it left running before it fails. */
    public LaunchedServer start() throws IOException {
        tools.forEach(CommandRunner::requireTool);
        if (!DEFAULT_LISTEN.equals(listen)) {
            requireBindable(listen);
        }
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve(name));
        instance = new GantryInstance(name, work.resolve("root"), listen);
        if (getPut) {
            instance.withGetPut();
        }
        try {
            instance.start(launcherOptions);
        } catch (Throwable startFailed) {
            try {
                close();
            } catch (Throwable stopFailed) {
                startFailed.addSuppressed(stopFailed);
            }
            throw startFailed;
        }
        return this;
    }

    /** Stops and starts the server again, keeping its instance and work directories. */
    public void restart() throws IOException {
        instance.restart();
    }

    /** Stops the server and asserts that nothing of it is left running. */
    @Override
    public void close() throws IOException {
        if (instance != null) {
            instance.stop();
        }
    }

    /**
     * A server on another address needs that address on this machine (e.g. ::1 on lo): the
     * test fails with the reason instead of with a server that does not come up.
     */
    private static void requireBindable(String address) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            assertEquals("address of a socket bound to " + address, InetAddress.getByName(address),
                    probe.getInetAddress());
        } catch (IOException e) {
            throw new AssertionError("the server is to listen on " + address + ", but a socket cannot bind to it "
                    + "on this machine (" + e + "); enable it on lo (for ::1: IPv6)", e);
        }
    }

    public GantryInstance instance() {
        return instance;
    }

    /** The empty directory made for this server; tests keep their local files here too. */
    public Path work() {
        return work;
    }

    public int port() {
        return instance.port();
    }

    public Path root() {
        return instance.root();
    }

    public String url(String path) {
        return instance.url(path);
    }

    /** {@code gsiftp://127.0.0.1:<port>/<path>}, for a server started with GSI options. */
    public String gsiUrl(String path) {
        return "gsi" + instance.url(path);
    }

    public String shell(String command) throws IOException {
        return instance.shell(command);
    }

    public Path karafHome() {
        return instance.karafHome();
    }

    public String karafLogTail(int lines) {
        return instance.karafLogTail(lines);
    }
}
