package org.gantry.core.admin;

import java.time.Instant;
import java.util.Optional;

/**
 * A live control connection.
 *
 * @param id          session id, unique while the server runs
 * @param user        logged-in user, if any
 * @param client      remote address and port
 * @param started     when the connection was accepted
 * @param lastCommand the last command verb received
 * @param transfer    a description of the transfer in progress, if any (command, path, bytes)
 */
public record SessionInfo(long id, Optional<String> user, String client, Instant started,
        String lastCommand, Optional<String> transfer) {
}
