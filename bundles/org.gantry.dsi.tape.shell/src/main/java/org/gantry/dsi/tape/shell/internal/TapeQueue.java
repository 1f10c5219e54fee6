package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.gantry.dsi.tape.admin.TapeOverview;

/** Waiting flushes and recalls, oldest first, with their ages. */
@Command(scope = "gridftp", name = "tape-queue", description = "Lists waiting flushes and recalls with their ages.")
@Service
public class TapeQueue extends TapeCommand {

    @Override
    void run(TapeAdmin admin) {
        ShellTable table = new ShellTable().emptyTableText("nothing queued");
        table.column("KIND");
        table.column("PATH");
        table.column("FAMILY/CARTRIDGE");
        table.column("REQUESTER");
        table.column("PRIORITY").alignRight();
        table.column("AGE");
        for (TapeOverview.Queued q : admin.overview().queue()) {
            table.addRow().addContent(q.kind(), q.path(), q.where(), q.requester().isEmpty() ? "-" : q.requester(),
                    q.priority(), Durations.format(q.age()));
        }
        table.print(System.out);
    }
}
