package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.gantry.dsi.tape.admin.TapeOverview;

/** The library's drives: what each is doing, with which cartridge, since when. */
@Command(scope = "gridftp", name = "tape-drives", description = "Lists the tape drives and what they are doing.")
@Service
public class TapeDrives extends TapeCommand {

    @Override
    void run(TapeAdmin admin) {
        ShellTable table = new ShellTable();
        table.column("DRIVE").alignRight();
        table.column("STATE");
        table.column("CARTRIDGE");
        table.column("FOR");
        for (TapeOverview.Drive d : admin.overview().drives()) {
            table.addRow().addContent(d.number(), d.state(), d.cartridge().isEmpty() ? "-" : d.cartridge(),
                    Durations.format(d.inState()));
        }
        table.print(System.out);
    }
}
