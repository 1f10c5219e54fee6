package org.gantry.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.core.admin.SessionRegistry;
import org.gantry.shell.internal.command.completers.SessionIdCompleter;

/** Closes a session, aborting its transfer. */
@Command(scope = "gridftp", name = "session-kill", description = "Closes a session and aborts its transfer.")
@Service
public class SessionKill implements Action {

    @Argument(index = 0, name = "id", description = "Session id (see gridftp:sessions)", required = true)
    @Completion(SessionIdCompleter.class)
    long id;

    @Reference
    SessionRegistry registry;

    @Override
    public Object execute() {
        if (!registry.kill(id)) {
            // An exception makes the command fail, so scripts see the difference.
            throw new IllegalArgumentException("no session " + id);
        }
        System.out.println("session " + id + " closed");
        return null;
    }
}
