package org.gantry.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tape DSI instance inside a {@link LaunchedServer}, mounted at {@code /<mount>}: writes its
 * {@code etc/org.gantry.dsi.tape-<name>.cfg} (time scale 0.001 unless overridden), installs the
 * feature, mounts it, and offers what the tape ITs keep doing: files put on tape and evicted,
 * SITE STAGESTATUS polls, and {@code gridftp:tape-*} commands aimed at this instance.
 */
final class TapeDsiInstance {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ON_TAPE = Pattern.compile("on tape:\\s+(\\S+):\\d+:\\d+");

    private final LaunchedServer gantry;
    private final String name;
    private final String mount;

    private TapeDsiInstance(LaunchedServer gantry, String name, String mount) {
        this.gantry = gantry;
        this.name = name;
        this.mount = mount;
    }

    /**
     * Configures instance {@code name} with base {@code <work>/tape-<name>}, 2 drives, 6 cartridges
     * and {@code settings} ({@code key = value} lines, which may override those), then mounts it.
     */
    static TapeDsiInstance mount(LaunchedServer gantry, String name, String mount, String... settings)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of("name = " + name,
                "root = " + gantry.work().resolve("tape-" + name), "timeScale = 0.001", "drives = 2",
                "cartridges = 6", "cartridgeMiB = 256", "cacheMiB = 512", "recallWaitSeconds = 60"));
        lines.addAll(List.of(settings));
        lines.add("");
        // Written before the feature installs (or picked up by file install if it already is).
        Files.writeString(gantry.karafHome().resolve("etc/org.gantry.dsi.tape-" + name + ".cfg"),
                String.join("\n", lines));
        if (!shellQuietly(gantry, "feature:list -i").contains("gantry-dsi-tape ")) {
            gantry.shell("feature:install gantry-dsi-tape");
        }
        TapeDsiInstance instance = new TapeDsiInstance(gantry, name, mount);
        Pattern listed = Pattern.compile("(?m)\\b" + Pattern.quote(name) + "\\b(?!-)");
        Await.until("tape DSI " + name + " in gridftp:dsi-list", TIMEOUT,
                () -> listed.matcher(shellQuietly(gantry, "gridftp:dsi-list")).find(),
                () -> shellQuietly(gantry, "gridftp:dsi-list"));
        instance.remount();
        return instance;
    }

    /** Mounts the instance at its path (again). */
    void remount() throws IOException {
        gantry.shell("gridftp:mount-add " + mount + " " + name);
    }

    /** The client's path of {@code name} below the mount. */
    String path(String file) {
        return mount + "/" + file;
    }

    /** {@code gridftp:tape-<command> --dsi <name> <arguments>}; fails unless the command succeeds. */
    String tape(String command, String arguments) throws IOException {
        return gantry.shell("gridftp:tape-" + command + " --dsi " + name + (arguments.isEmpty() ? "" : " " + arguments));
    }

    /**
     * Several {@code gridftp:tape-*} commands (each {@code "command arguments"}) in one shell
     * call, their outputs one after the other: a shell call costs a client JVM start.
     */
    String tapes(String... commands) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String command : commands) {
            int space = command.indexOf(' ');
            String verb = space < 0 ? command : command.substring(0, space);
            lines.add("gridftp:tape-" + verb + " --dsi " + name + (space < 0 ? "" : command.substring(space)));
        }
        return gantry.shell(String.join("; ", lines));
    }

    /** Like {@link #tape} for a command that must fail: returns the failure with what the shell printed. */
    String tapeFailing(String command, String arguments) {
        String output;
        try {
            output = tape(command, arguments);
        } catch (AssertionError | IOException failed) {
            return failed.getMessage();
        }
        throw new AssertionError("gridftp:tape-" + command + " " + arguments + " should have failed, printed:\n" + output);
    }

    /** Stores {@code content} at {@code file} below the mount and waits until it is on tape too. */
    void storeOnTape(String file, byte[] content) throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.storeOk(path(file), content);
        }
        awaitLocality(file, "ONLINE_AND_NEARLINE");
    }

    /** {@link #storeOnTape}, then drops the disk copy: the file is NEARLINE. */
    void storeNearline(String file, byte[] content) throws IOException {
        storeOnTape(file, content);
        evict(file);
    }

    void evict(String file) throws IOException {
        String evicted = tape("evict", "/" + file);
        assertTrue(evicted, evicted.contains("NEARLINE") && evicted.contains("on disk:  no"));
        awaitLocality(file, "NEARLINE");
    }

    /** The cartridge holding {@code file}'s tape copy, from {@code gridftp:tape-file}. */
    String cartridgeOf(String file) throws IOException {
        return cartridgeIn(tape("file", "/" + file));
    }

    /** The cartridge of the (first) tape location in {@code gridftp:tape-file} output. */
    static String cartridgeIn(String facts) {
        Matcher m = ON_TAPE.matcher(facts);
        assertTrue("a tape location in:\n" + facts, m.find());
        return m.group(1);
    }

    /** A counter of {@code gridftp:tape-metrics}. */
    long metric(String counter) throws IOException {
        return metricIn(tape("metrics", ""), counter);
    }

    /** A counter in output that includes {@code gridftp:tape-metrics}. */
    static long metricIn(String output, String counter) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(counter) + " = (\\d+)").matcher(output);
        assertTrue("counter " + counter + " in:\n" + output, m.find());
        return Long.parseLong(m.group(1));
    }

    /** {@link #tape}, or the failure's text: for polls. */
    String tapeQuietly(String command, String arguments) {
        try {
            return tape(command, arguments);
        } catch (IOException | AssertionError e) {
            return String.valueOf(e.getMessage());
        }
    }

    long metricQuietly(String counter) {
        try {
            return metric(counter);
        } catch (IOException e) {
            return -1;
        }
    }

    void awaitLocality(String file, String locality) {
        String expected = "250 " + path(file) + " " + locality;
        Await.until(path(file) + " " + locality, TIMEOUT, () -> stageStatus(file).equals(expected),
                () -> stageStatus(file));
    }

    /** The full SITE STAGESTATUS reply for {@code file} below the mount. */
    String stageStatus(String file) {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            return ftp.command("SITE STAGESTATUS " + path(file)).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String shellQuietly(LaunchedServer gantry, String command) {
        try {
            return gantry.shell(command);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
