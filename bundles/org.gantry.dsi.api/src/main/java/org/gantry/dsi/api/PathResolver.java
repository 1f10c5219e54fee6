package org.gantry.dsi.api;

import org.osgi.annotation.versioning.ProviderType;

/** Turns a path as a client wrote it into a path of the back-end, as the core does for commands. */
@ProviderType
public interface PathResolver {

    /**
     * Resolves {@code clientPath} against the session's working directory, its root and the mount
     * table.
     *
     * @throws InvalidPathException if the path is malformed or leaves the user's root
     */
    String resolve(String clientPath) throws InvalidPathException;
}
