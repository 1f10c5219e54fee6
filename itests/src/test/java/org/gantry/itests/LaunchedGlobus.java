package org.gantry.itests;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.rules.ExternalResource;

/**
 * The real Globus server ({@link GlobusServer}) as a peer for a test class ({@code @ClassRule}):
 * started on an empty directory {@code <work>/<name>/} before the first test, stopped after the
 * last one. {@link #withGsi} makes it a GSI server (see {@link GlobusServer#withGsi}).
 */
public final class LaunchedGlobus extends ExternalResource {

    private final String name;
    private GsiPki gsi;
    private GlobusServer server;

    public LaunchedGlobus(String name) {
        this.name = name;
    }

    /** GSI logins with {@code pki}'s host credential, CA and user instead of anonymous ones. */
    public LaunchedGlobus withGsi(GsiPki pki) {
        this.gsi = pki;
        return this;
    }

    @Override
    protected void before() throws IOException {
        GlobusServer described = new GlobusServer(GantryInstance.workDirectory().resolve(name));
        if (gsi != null) {
            described.withGsi(gsi);
        }
        server = described.start();
    }

    @Override
    protected void after() {
        if (server != null) {
            server.stop();
        }
    }

    /** The directory the server serves. */
    public Path root() {
        return server.root();
    }

    /** See {@link GlobusServer#url}. */
    public String url(String relative) {
        return server.url(relative);
    }

    /** See {@link GlobusServer#logTail}. */
    public String logTail(int lines) {
        return server.logTail(lines);
    }

    /** See {@link GlobusServer#giveToServer}. */
    public void giveToServer(Path tree) throws IOException {
        server.giveToServer(tree);
    }

    /** A file of {@code size} seeded random bytes below the root, readable by the server. */
    public Path file(String relative, long seed, long size) throws IOException {
        Path file = TestData.randomFile(root().resolve(relative), seed, size);
        server.giveToServer(file);
        return file;
    }
}
