package org.gantry.core.admin;

import java.util.Optional;

/**
 * One mount table entry: paths under {@code path} are served by the DSI instance {@code dsiName},
 * or by {@code fallback} while that instance is not registered.
 */
public record Mount(String path, String dsiName, Optional<String> fallback) {

    /** Parses {@code PATH=DSI-NAME[|FALLBACK]}. */
    public static Mount parse(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("mount must be PATH=DSI-NAME[|FALLBACK]: " + entry);
        }
        String path = entry.substring(0, eq).trim();
        String target = entry.substring(eq + 1).trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("mount path must be absolute: " + entry);
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int bar = target.indexOf('|');
        if (bar < 0) {
            return new Mount(path, target, Optional.empty());
        }
        String name = target.substring(0, bar).trim();
        String fallback = target.substring(bar + 1).trim();
        if (name.isEmpty() || fallback.isEmpty()) {
            throw new IllegalArgumentException("mount must be PATH=DSI-NAME[|FALLBACK]: " + entry);
        }
        return new Mount(path, name, Optional.of(fallback));
    }

    /** The {@code PATH=DSI-NAME[|FALLBACK]} form. */
    public String format() {
        return path + "=" + dsiName + fallback.map(f -> "|" + f).orElse("");
    }
}
