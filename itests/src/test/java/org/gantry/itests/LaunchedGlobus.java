package org.gantry.itests;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.rules.ExternalResource;

/**
 * The real Globus server ({@link GlobusServer}) as a peer for a test class ({@code @ClassRule}):
 * started on an empty directory {@code <work>/<name>/} before the first test, stopped after the
 * last one.
 */
public final class LaunchedGlobus extends ExternalResource {

    private final String name;
    private GlobusServer server;

    public LaunchedGlobus(String name) {
        this.name = name;
    }

    @Override
    protected void before() throws IOException {
        server = new GlobusServer(GantryInstance.workDirectory().resolve(name)).start();
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

    /** A file of {@code size} seeded random bytes below the root, readable by the server. */
    public Path file(String relative, long seed, long size) throws IOException {
        Path file = TestData.randomFile(root().resolve(relative), seed, size);
        server.giveToServer(file);
        return file;
    }
}
