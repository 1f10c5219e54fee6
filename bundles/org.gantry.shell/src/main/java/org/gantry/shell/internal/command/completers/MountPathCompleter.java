package org.gantry.shell.internal.command.completers;

import java.io.IOException;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.gantry.shell.internal.MountTableEditor;
import org.osgi.service.cm.ConfigurationAdmin;

/** Completes the configured mount paths (configured rather than in force, as mount-remove edits those). */
@Service
public class MountPathCompleter implements Completer {

    @Reference
    ConfigurationAdmin configAdmin;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> paths;
        try {
            paths = new MountTableEditor(configAdmin).paths();
        } catch (IOException e) {
            return -1; // no completion rather than an error in the middle of typing
        }
        return new StringsCompleter(paths).complete(session, commandLine, candidates);
    }
}
