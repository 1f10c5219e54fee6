package org.gantry.dsi.tape.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** Injects a library failure, clears them all, or lists the active ones. */
@Command(scope = "gridftp", name = "tape-fail",
        description = "Injects a failure (mount-failure [CARTRIDGE|*], disabled CARTRIDGE, drive-down N, "
                + "no-location, stuck-flush, checksum-mismatch); --clear removes all; no argument lists them.")
@Service
public class TapeFail extends TapeCommand {

    @Argument(index = 0, name = "fault", description = "The failure and its argument", multiValued = true)
    List<String> fault;

    @Option(name = "--clear", description = "Remove every injected failure")
    boolean clear;

    @Override
    void run(TapeAdmin admin) {
        if (clear) {
            admin.clearFaults();
        }
        if (fault != null && !fault.isEmpty()) {
            admin.inject(String.join(" ", fault));
        }
        List<String> active = admin.faults();
        if (active.isEmpty()) {
            System.out.println("no failures injected");
        }
        active.forEach(System.out::println);
    }
}
