package org.gantry.core.admin;

/** Names other bundles and tools rely on when configuring the server. */
public final class ServerSettings {

    /** ConfigAdmin PID of the server (listen address, data channels, mounts, limits). */
    public static final String PID = "org.gantry.server";

    /**
     * Mount table property: a list of {@code PATH=DSI-NAME[|FALLBACK]}, default {@code /=posix}.
     */
    public static final String MOUNTS = "mounts";

    /** The DSI instance the root falls back to when its DSI is gone. */
    public static final String DEFAULT_DSI = "posix";

    private ServerSettings() {
    }
}
