package org.gantry.core.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Live sessions, for the shell. */
@ProviderType
public interface SessionRegistry {

    List<SessionInfo> sessions();

    /**
     * Closes a session: its transfer is aborted (uploads leave nothing) and the control connection
     * is closed.
     *
     * @return false if there is no such session
     */
    boolean kill(long id);
}
