package org.gantry.core.internal.data;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * The ports passive listeners may use: {@code min-max} inclusive, or ephemeral (0) when unset.
 * Listeners try the ports from a random start so that concurrent sessions rarely collide.
 */
public record PortRange(int min, int max) {

    public static final PortRange EPHEMERAL = new PortRange(0, 0);

    public PortRange {
        if (min < 0 || max > 65535 || max < min || (min == 0) != (max == 0)) {
            throw new IllegalArgumentException("bad port range " + min + "-" + max);
        }
    }

    /** Parses {@code ""} (ephemeral) or {@code 50000-50999}. */
    public static PortRange parse(String text) {
        if (text == null || text.isBlank()) {
            return EPHEMERAL;
        }
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("port range must be MIN-MAX: " + text);
        }
        return new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    public boolean isEphemeral() {
        return min == 0;
    }

    /**
     * Offers each port of the range once, starting at a random one, until {@code tryPort} accepts
     * one; returns that port or -1.
     */
    public int firstAccepted(IntPredicate tryPort) {
        if (isEphemeral()) {
            return tryPort.test(0) ? 0 : -1;
        }
        int size = max - min + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = min + (start + i) % size;
            if (tryPort.test(port)) {
                return port;
            }
        }
        return -1;
    }
}
