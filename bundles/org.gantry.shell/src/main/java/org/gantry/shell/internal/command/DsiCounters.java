package org.gantry.shell.internal.command;

import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;

/**
 * Every counter each DSI reports (bytes read, parts uploaded, peak upload memory, ...), one row
 * per counter, for operators who want more than {@code dsi-list}'s summary.
 */
@Command(scope = "gridftp", name = "dsi-counters", description = "Shows the counters of the DSI instances.")
@Service
public class DsiCounters implements Action {

    @Reference
    DsiRegistry registry;

    @Argument(index = 0, name = "name", description = "Only this DSI instance", required = false)
    String name;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText(name == null ? "no DSI reports counters"
                : "no DSI instance '" + name + "' reports counters");
        table.column("DSI");
        table.column("COUNTER");
        table.column("VALUE").alignRight();
        for (DsiInstance dsi : registry.instances()) {
            if (name != null && !name.equals(dsi.name())) {
                continue;
            }
            Map<String, Long> sorted = new TreeMap<>(dsi.counters());
            sorted.forEach((counter, value) -> table.addRow().addContent(dsi.name(), counter, value));
        }
        table.print(System.out);
        return null;
    }
}
