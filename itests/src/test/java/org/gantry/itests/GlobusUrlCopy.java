package org.gantry.itests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs globus-url-copy and fails the test, with everything it printed, unless it exits 0. */
public final class GlobusUrlCopy {

    private GlobusUrlCopy() {
    }

    public static CommandRunner.Result run(String... args) throws IOException {
        return run(List.of(args));
    }

    public static CommandRunner.Result run(List<String> args) throws IOException {
        return attempt(args).assertSuccess();
    }

    /** Runs it and returns however it ended, for tests of a transfer that must fail. */
    public static CommandRunner.Result attempt(String... args) throws IOException {
        return attempt(List.of(args));
    }

    public static CommandRunner.Result attempt(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("globus-url-copy");
        command.addAll(args);
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, Map.of(), command);
    }

    /** Runs it with {@code -dbg}, whose output shows every command sent and every reply. */
    public static GucDebugLog debug(String... args) throws IOException {
        return debug(List.of(args));
    }

    public static GucDebugLog debug(List<String> args) throws IOException {
        List<String> withDebug = new ArrayList<>();
        withDebug.add("-dbg");
        withDebug.addAll(args);
        return new GucDebugLog(run(withDebug).output());
    }

    /** {@code file://} URL of a local path (add the trailing slash yourself for directories). */
    public static String fileUrl(Path path) {
        return "file://" + path.toAbsolutePath();
    }
}
