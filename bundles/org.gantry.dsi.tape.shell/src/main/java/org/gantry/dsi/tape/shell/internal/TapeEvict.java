package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** Drops a file's disk copy, making it NEARLINE. */
@Command(scope = "gridftp", name = "tape-evict",
        description = "Drops the disk copy of a file that is on tape and not being read.")
@Service
public class TapeEvict extends TapeCommand {

    @Argument(index = 0, name = "path", description = "The file's path in the tape DSI", required = true)
    String path;

    @Override
    void run(TapeAdmin admin) {
        TapeFile.print(admin.evict(path));
    }
}
