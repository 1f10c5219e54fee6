package org.gantry.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 DSI instances inside a {@link LaunchedServer}, each mounted at its own path in
 * bucket-per-directory mode: {@link #mountAll} writes their {@code etc/org.gantry.dsi.s3-<name>.cfg}
 * files, installs feature {@code gantry-dsi-s3} and mounts them in one shell call, then waits over
 * FTP until every mount is served by its instance. {@link #counters} reads
 * {@code gridftp:dsi-counters}.
 */
final class S3DsiInstance {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A row of gridftp:dsi-counters: DSI | COUNTER | VALUE. */
    private static final Pattern COUNTER_ROW = Pattern.compile("(?m)^\\s*(\\S+)\\s*\\|\\s*(\\w+)\\s*\\|\\s*(\\d+)\\s*$");

    private final String name;
    private final String mount;
    private final List<String> settings;

    private S3DsiInstance(String name, String mount, List<String> settings) {
        this.name = name;
        this.mount = mount;
        this.settings = List.copyOf(settings);
    }

    /** Instance {@code name} of {@code store}, mounted at {@code mount}, plus {@code key = value} settings. */
    static S3DsiInstance of(LaunchedS3Proxy store, String name, String mount, String... settings) {
        List<String> all = new ArrayList<>(store.dsiSettings());
        all.addAll(List.of(settings));
        return new S3DsiInstance(name, mount, all);
    }

    /** Instance {@code name} whose endpoint is {@code endpoint}, with nothing else from a real store. */
    static S3DsiInstance at(String endpoint, String name, String mount, String... settings) {
        List<String> all = new ArrayList<>(List.of("endpoint = " + endpoint, "accessKey = nobody",
                "secretKey = nothing", "pathStyle = true"));
        all.addAll(List.of(settings));
        return new S3DsiInstance(name, mount, all);
    }

    /**
     * Configures and mounts every instance with one {@code ./gantry shell} call (each costs a
     * client JVM start) and waits until their mounts no longer answer "Storage unavailable: NAME",
     * the reply of a mount whose DSI has not registered yet.
     */
    static void mountAll(LaunchedServer gantry, S3DsiInstance... instances) throws IOException {
        List<String> commands = new ArrayList<>(List.of("feature:install gantry-dsi-s3"));
        for (S3DsiInstance instance : instances) {
            List<String> lines = new ArrayList<>(List.of("name = " + instance.name));
            lines.addAll(instance.settings);
            lines.add("");
            // Written before the feature installs, so each instance starts with its settings.
            Files.writeString(gantry.karafHome().resolve("etc/org.gantry.dsi.s3-" + instance.name + ".cfg"),
                    String.join("\n", lines));
            commands.add("gridftp:mount-add " + instance.mount + " " + instance.name);
        }
        gantry.shell(String.join("; ", commands));
        for (S3DsiInstance instance : instances) {
            String missing = "451 Storage unavailable: " + instance.name;
            Await.until(instance.name + " serving " + instance.mount, TIMEOUT,
                    () -> !instance.mlst(gantry).equals(missing), () -> instance.mlst(gantry));
        }
    }

    /** The client's path of {@code relative} below the mount. */
    String path(String relative) {
        return mount + "/" + relative;
    }

    /** {@code gantry}'s URL of {@code relative} below the mount. */
    String url(LaunchedServer gantry, String relative) {
        return gantry.url(path(relative).substring(1));
    }

    String name() {
        return name;
    }

    /** Every counter of this instance, from {@code gridftp:dsi-counters NAME}. */
    Map<String, Long> counters(LaunchedServer gantry) throws IOException {
        return countersIn(gantry.shell("gridftp:dsi-counters " + name));
    }

    /** This instance's counters in output that includes its {@code gridftp:dsi-counters} rows. */
    Map<String, Long> countersIn(String output) {
        Map<String, Long> counters = new HashMap<>();
        Matcher row = COUNTER_ROW.matcher(output);
        while (row.find()) {
            if (row.group(1).equals(name)) {
                counters.put(row.group(2), Long.parseLong(row.group(3)));
            }
        }
        assertTrue("no counters of DSI " + name + " in:\n" + output, !counters.isEmpty());
        return counters;
    }

    private String mlst(LaunchedServer gantry) {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            return ftp.command("MLST " + mount).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
