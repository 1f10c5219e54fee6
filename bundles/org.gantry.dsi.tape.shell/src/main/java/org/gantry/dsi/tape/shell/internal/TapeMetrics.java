package org.gantry.dsi.tape.shell.internal;

import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.gantry.dsi.tape.admin.TapeAdmin;

/** Counters: queue lengths, mounts, bytes flushed and recalled, disk cache use. */
@Command(scope = "gridftp", name = "tape-metrics", description = "Prints the tape DSI's counters.")
@Service
public class TapeMetrics extends TapeCommand {

    @Override
    void run(TapeAdmin admin) {
        new TreeMap<>(admin.overview().metrics()).forEach((name, value) -> System.out.println(name + " = " + value));
    }
}
