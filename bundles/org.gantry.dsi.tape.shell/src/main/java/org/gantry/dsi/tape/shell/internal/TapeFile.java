package org.gantry.dsi.tape.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.FileState;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** A file's state; never starts a recall. */
@Command(scope = "gridftp", name = "tape-file", description = "Shows a file's locality, copies and queued work.")
@Service
public class TapeFile extends TapeCommand {

    @Argument(index = 0, name = "path", description = "The file's path in the tape DSI", required = true)
    String path;

    @Override
    void run(TapeAdmin admin) {
        print(admin.file(path));
    }

    static void print(FileState f) {
        System.out.println(f.path() + " " + f.locality());
        System.out.println("  size:     " + f.size());
        System.out.println("  on disk:  " + (f.onDisk() ? "yes" : "no"));
        System.out.println("  on tape:  " + f.tapeLocation().orElse("no"));
        System.out.println("  family:   " + f.family());
        System.out.println("  recall:   " + (f.recallQueued() ? "queued" : "-"));
        f.checksums().forEach((algorithm, value) -> System.out.println("  " + algorithm + ": " + value));
    }
}
