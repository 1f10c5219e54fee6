package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.gantry.dsi.tape.admin.TapeOverview;

/** The cartridges: family, fill, disabled or mounted. */
@Command(scope = "gridftp", name = "tape-cartridges", description = "Lists the cartridges with their family and fill.")
@Service
public class TapeCartridges extends TapeCommand {

    @Override
    void run(TapeAdmin admin) {
        ShellTable table = new ShellTable();
        table.column("LABEL");
        table.column("FAMILY");
        table.column("USED").alignRight();
        table.column("CAPACITY").alignRight();
        table.column("STATE");
        for (TapeOverview.Cartridge c : admin.overview().cartridges()) {
            String state = c.disabled() ? "disabled" : c.mounted() ? "mounted" : "-";
            table.addRow().addContent(c.label(), c.family().isEmpty() ? "-" : c.family(), c.usedBytes(), c.capacity(),
                    state);
        }
        table.print(System.out);
    }
}
