package org.gantry.shell.internal.command;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.gantry.core.admin.SessionInfo;
import org.gantry.core.admin.SessionRegistry;

/** Lists the live control connections. */
@Command(scope = "gridftp", name = "sessions", description = "Lists the live GridFTP sessions.")
@Service
public class Sessions implements Action {

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneId.systemDefault());

    @Reference
    SessionRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable().emptyTableText("no sessions");
        table.column("ID").alignRight();
        table.column("USER");
        table.column("CLIENT");
        table.column("STARTED");
        table.column("LAST-COMMAND");
        table.column("TRANSFER");
        for (SessionInfo s : registry.sessions()) {
            table.addRow().addContent(s.id(), s.user().orElse("-"), s.client(),
                    STARTED.format(s.started().truncatedTo(ChronoUnit.SECONDS)),
                    s.lastCommand() == null ? "-" : s.lastCommand(), s.transfer().orElse("-"));
        }
        table.print(System.out);
        return null;
    }
}
