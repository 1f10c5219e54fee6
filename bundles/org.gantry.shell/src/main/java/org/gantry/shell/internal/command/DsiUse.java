package org.gantry.shell.internal.command;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.Mount;
import org.gantry.core.admin.ServerSettings;
import org.gantry.shell.internal.MountTableEditor;
import org.gantry.shell.internal.command.completers.DsiNameCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Makes a DSI instance serve {@code /}, with the default DSI as fallback, by changing the mount
 * table in the server configuration.
 */
@Command(scope = "gridftp", name = "dsi-use",
        description = "Serves / from the given DSI instance (falling back to " + ServerSettings.DEFAULT_DSI + ").")
@Service
public class DsiUse implements Action {

    @Argument(index = 0, name = "dsi", description = "DSI instance name", required = true)
    @Completion(DsiNameCompleter.class)
    String dsiName;

    @Option(name = "--force", description = "Set it even if no DSI of that name is registered (yet)")
    boolean force;

    @Reference
    DsiRegistry registry;

    @Reference
    ConfigurationAdmin configAdmin;

    @Override
    public Object execute() throws Exception {
        MountTableEditor.checkDsiName(dsiName);
        List<String> known = registry.instances().stream().map(DsiInstance::name).toList();
        if (!known.contains(dsiName) && !force) {
            throw new IllegalArgumentException("no DSI instance '" + dsiName + "' is registered (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + "); use --force to set it anyway");
        }
        // The default DSI needs no fallback to itself.
        Optional<String> fallback = dsiName.equals(ServerSettings.DEFAULT_DSI)
                ? Optional.empty() : Optional.of(ServerSettings.DEFAULT_DSI);
        Mount mount = new Mount("/", dsiName, fallback);
        Optional<String> previous = new MountTableEditor(configAdmin).put(mount);
        System.out.println("mount " + mount.format() + previous.map(p -> " (was " + p + ")").orElse(""));
        if (!known.contains(dsiName)) {
            System.out.println("note: '" + dsiName + "' is not registered; / is served by "
                    + ServerSettings.DEFAULT_DSI + " until it is");
        }
        return null;
    }
}
