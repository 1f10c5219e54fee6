package org.gantry.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.shell.internal.MountTableEditor;
import org.gantry.shell.internal.command.completers.MountPathCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** Removes a mount; {@code /} stays (change it with dsi-use). */
@Command(scope = "gridftp", name = "mount-remove", description = "Removes the mount at a path (not /).")
@Service
public class MountRemove implements Action {

    @Argument(index = 0, name = "path", description = "Mount path", required = true)
    @Completion(MountPathCompleter.class)
    String path;

    @Reference
    ConfigurationAdmin configAdmin;

    @Override
    public Object execute() throws Exception {
        String removed = new MountTableEditor(configAdmin).remove(path)
                .orElseThrow(() -> new IllegalArgumentException("no mount at " + path));
        System.out.println("removed " + removed);
        return null;
    }
}
