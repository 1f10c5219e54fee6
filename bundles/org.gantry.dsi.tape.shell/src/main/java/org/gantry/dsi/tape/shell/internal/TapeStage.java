package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** Starts the recall of a file on tape only, as an operator. */
@Command(scope = "gridftp", name = "tape-stage", description = "Starts the recall of a file that is on tape only.")
@Service
public class TapeStage extends TapeCommand {

    @Argument(index = 0, name = "path", description = "The file's path in the tape DSI", required = true)
    String path;

    @Option(name = "--as", description = "Requester name (sets the priority), default 'operator'")
    String requester = "operator";

    @Override
    void run(TapeAdmin admin) {
        TapeFile.print(admin.stage(path, requester));
    }
}
