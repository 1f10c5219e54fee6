package org.gantry.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.Mount;
import org.gantry.core.admin.ServerSettings;

/** Shows the mount table in force and which DSI instance serves each path right now. */
@Command(scope = "gridftp", name = "mount-list", description = "Lists the mounts and the DSI serving each now.")
@Service
public class MountList implements Action {

    @Reference
    DsiRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("no mounts");
        table.column("PATH");
        table.column("DSI");
        table.column("FALLBACK");
        table.column("ACTIVE");
        for (Mount mount : registry.mounts()) {
            table.addRow().addContent(mount.path(), mount.dsiName(), fallbackOf(mount),
                    registry.activeDsiFor(mount.path()).orElse("unavailable"));
        }
        table.print(System.out);
        return null;
    }

    /** The core always lets {@code /} fall back to the default DSI, so show that too. */
    private static String fallbackOf(Mount mount) {
        if (mount.fallback().isPresent()) {
            return mount.fallback().get();
        }
        boolean implicit = mount.path().equals("/") && !mount.dsiName().equals(ServerSettings.DEFAULT_DSI);
        return implicit ? ServerSettings.DEFAULT_DSI + " (implicit)" : "-";
    }
}
