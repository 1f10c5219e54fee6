package org.gantry.shell.internal.command.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;

/** Completes the names of the registered DSI instances. */
@Service
public class DsiNameCompleter implements Completer {

    @Reference
    DsiRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names = registry.instances().stream().map(DsiInstance::name).toList();
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
