package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** Marks a file LOST or UNAVAILABLE (failure injection on one file), or clears the marks. */
@Command(scope = "gridftp", name = "tape-mark", description = "Marks a file lost or unavailable, or clears that.")
@Service
public class TapeMark extends TapeCommand {

    @Argument(index = 0, name = "path", description = "The file's path in the tape DSI", required = true)
    String path;

    @Argument(index = 1, name = "state", description = "lost, unavailable or clear", required = true)
    String state;

    @Override
    void run(TapeAdmin admin) {
        switch (state) {
            case "lost" -> TapeFile.print(admin.setLost(path, true));
            case "unavailable" -> TapeFile.print(admin.setUnavailable(path, true));
            case "clear" -> {
                admin.setLost(path, false);
                TapeFile.print(admin.setUnavailable(path, false));
            }
            default -> throw new IllegalArgumentException("state must be lost, unavailable or clear, not " + state);
        }
    }
}
