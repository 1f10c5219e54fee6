package org.gantry.itests;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a gfal2 command-line tool and fails the test, with everything it printed, unless it exits 0. */
public final class Gfal {

    /** gfal-util must run with the system python that has the gfal2 bindings. */
    private static final Map<String, String> ENVIRONMENT = Map.of("GFAL_PYTHONBIN", "/usr/bin/python3");

    private Gfal() {
    }

    /** {@code command} starts with the tool, e.g. {@code gfal-copy}. */
    public static CommandRunner.Result run(String... command) throws IOException {
        return run(List.of(command));
    }

    public static CommandRunner.Result run(List<String> command) throws IOException {
        return run(Map.of(), command);
    }

    /** With more environment, e.g. a GSI client's {@code X509_USER_PROXY} and {@code X509_CERT_DIR}. */
    public static CommandRunner.Result run(Map<String, String> environment, List<String> command) throws IOException {
        Map<String, String> all = new HashMap<>(ENVIRONMENT);
        all.putAll(environment);
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, all, command).assertSuccess();
    }
}
