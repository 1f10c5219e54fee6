package org.gantry.shell.internal.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gantry.core.admin.SessionRegistry;

/** Completes the ids of the live sessions. */
@Service
public class SessionIdCompleter implements Completer {

    @Reference
    SessionRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> ids = registry.sessions().stream().map(s -> Long.toString(s.id())).toList();
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
