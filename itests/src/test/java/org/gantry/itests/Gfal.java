package org.gantry.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a gfal2 command-line tool (gfal-copy, gfal-ls, ...): the code of Debian's gfal2-util,
 * started the way its launcher script starts it, with one difference at process exit.
 *
 * <p>The Debian tools crash now and then <em>after</em> their work is done (about 1 run in 30 with
 * gsiftp, against the Globus server just as against Gantry): OpenSSL's atexit cleanup frees its
 * object table while a Globus thread is still deleting the GSS context of a closing control
 * connection, and glibc aborts with {@code free(): invalid pointer}. The launcher below asks
 * OpenSSL, before anything else loads it, not to register that cleanup
 * ({@code OPENSSL_INIT_NO_ATEXIT}); everything the tool sends and checks is unchanged.
 */
public final class Gfal {

    /** The system python that has the gfal2 bindings. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final long OPENSSL_INIT_NO_ATEXIT = 0x00080000L;
    private static final String LAUNCHER = String.join("\n",
            "import ctypes, os, sys",
            "ctypes.CDLL('libcrypto.so.3').OPENSSL_init_crypto(ctypes.c_uint64(" + OPENSSL_INIT_NO_ATEXIT + "), None)",
            "os.environ['XrdSecGSIDELEGPROXY'] = '1'", // as Debian's launcher sets it
            "from gfal2_util.shell import Gfal2Shell",
            "sys.exit(Gfal2Shell().main(sys.argv[1:]))");
    private static final Map<String, String> ENVIRONMENT = Map.of("GFAL_PYTHONBIN", PYTHON);

    private Gfal() {
    }

    /** {@code command} starts with the tool, e.g. {@code gfal-copy}. */
    public static CommandRunner.Result run(String... command) throws IOException {
        return run(List.of(command));
    }

    public static CommandRunner.Result run(List<String> command) throws IOException {
        return run(Map.of(), command);
    }

    /**
     * With more environment, e.g. a GSI client's {@code X509_USER_PROXY} and {@code X509_CERT_DIR};
     * fails the test, with everything the tool printed, unless it exits 0.
     */
    public static CommandRunner.Result run(Map<String, String> environment, List<String> command) throws IOException {
        return attempt(environment, command).assertSuccess();
    }

    /** Runs the tool and returns however it ended, for callers that explain a failure themselves. */
    public static CommandRunner.Result attempt(Map<String, String> environment, List<String> command)
            throws IOException {
        Map<String, String> all = new HashMap<>(ENVIRONMENT);
        all.putAll(environment);
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, all, launch(command));
    }

    /** The process to start for {@code command}: python running the tool named by its first word. */
    static List<String> launch(List<String> command) {
        if (command.isEmpty() || !command.get(0).startsWith("gfal-")) {
            throw new IllegalArgumentException("not a gfal2 tool: " + command);
        }
        List<String> argv = new ArrayList<>(List.of(PYTHON, "-u", "-Wignore", "-c", LAUNCHER));
        argv.addAll(command);
        return argv;
    }
}
