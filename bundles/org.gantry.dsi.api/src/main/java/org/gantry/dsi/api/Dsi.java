package org.gantry.dsi.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage back-end, registered as an OSGi service. The core never looks one up directly: its
 * DSI registry tracks all {@code Dsi} services and selects one per path by {@link #NAME}.
 */
@ConsumerType
public interface Dsi {

    /** Service property: the instance name mounts refer to, e.g. {@code posix}. */
    String NAME = "gantry.dsi.name";

    /** Service property: the implementation type, e.g. {@code posix}, {@code memory}. */
    String TYPE = "gantry.dsi.type";

    /** {@link #counters()} key: bytes of file content read (readers and checksum computations). */
    String BYTES_READ = "bytesRead";

    /** What this back-end can do; drives FEAT and which commands the core accepts. */
    DsiCapabilities capabilities();

    /**
     * Starts a session for an authenticated user (the Globus "session start"). The session is
     * used by one control connection and closed when it ends.
     */
    CompletionStage<DsiSession> openSession(SessionContext context);

    /** SITE sub-commands this back-end adds (for example {@code SITE STAGE}); none by default. */
    default List<SiteCommand> siteCommands() {
        return List.of();
    }

    /**
     * Counters for operators, by name (for example {@link #BYTES_READ}), each only ever growing
     * while the instance lives; none by default.
     */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
