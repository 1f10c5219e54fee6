package org.gantry.shell.internal.command;

import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.dsi.api.Dsi;

/**
 * Lists the registered DSI instances; {@code *} marks the one serving {@code /} right now.
 * BYTES-READ is the file content the DSI has read since it started (downloads, checksums), so an
 * operator can see whether checksums come from stored values or from reading files again.
 */
@Command(scope = "gridftp", name = "dsi-list", description = "Lists the DSI instances; * marks the one serving /.")
@Service
public class DsiList implements Action {

    @Reference
    DsiRegistry registry;

    @Override
    public Object execute() {
        Optional<String> rootDsi = registry.activeDsiFor("/");
        ShellTable table = new ShellTable().emptyTableText("no DSI instance registered");
        table.column("NAME");
        table.column("TYPE");
        table.column("BUNDLE");
        table.column("MOUNTED");
        table.column("ACTIVE-TRANSFERS").alignRight();
        table.column("BYTES-READ").alignRight();
        for (DsiInstance dsi : registry.instances()) {
            String marker = rootDsi.filter(dsi.name()::equals).isPresent() ? "* " : "  ";
            table.addRow().addContent(marker + dsi.name(), dsi.type(), dsi.bundle() + " [" + dsi.bundleId() + "]",
                    dsi.mountedAt().isEmpty() ? "-" : String.join(", ", dsi.mountedAt()), dsi.activeTransfers(),
                    dsi.counters().containsKey(Dsi.BYTES_READ) ? dsi.counters().get(Dsi.BYTES_READ) : "-");
        }
        table.print(System.out);
        if (rootDsi.isEmpty()) {
            System.out.println("/ is unavailable: neither its DSI nor its fallback is registered");
        }
        return null;
    }
}
