package org.gantry.shell.internal.command;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.core.admin.Mount;
import org.gantry.shell.internal.MountTableEditor;
import org.gantry.shell.internal.command.completers.DsiNameCompleter;
import org.gantry.shell.internal.command.completers.MountPathCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** Adds a mount, or replaces the one at the same path. */
@Command(scope = "gridftp", name = "mount-add", description = "Mounts a DSI instance at a path (replacing any mount there).")
@Service
public class MountAdd implements Action {

    @Argument(index = 0, name = "path", description = "Absolute path in the server namespace", required = true)
    @Completion(MountPathCompleter.class)
    String path;

    @Argument(index = 1, name = "dsi", description = "DSI instance name", required = true)
    @Completion(DsiNameCompleter.class)
    String dsiName;

    @Option(name = "--fallback", description = "DSI instance serving the path while the first one is missing")
    @Completion(DsiNameCompleter.class)
    String fallback;

    @Reference
    ConfigurationAdmin configAdmin;

    @Override
    public Object execute() throws Exception {
        MountTableEditor.checkDsiName(dsiName);
        if (fallback != null) {
            MountTableEditor.checkDsiName(fallback);
        }
        Mount mount = Mount.parse(MountTableEditor.normalizePath(path) + "=" + dsiName
                + (fallback == null ? "" : "|" + fallback));
        Optional<String> previous = new MountTableEditor(configAdmin).put(mount);
        System.out.println(previous.map(p -> "replaced " + p + " with ").orElse("added ") + mount.format());
        return null;
    }
}
