package org.gantry.dsi.tape.shell.internal;

import java.time.Duration;

/** Short human forms of durations for tables: {@code 950ms}, {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
