package org.gantry.dsi.tape.internal.library;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The one place that turns simulated durations into real ones: every wait of the library goes
 * through here, so a test with a small time scale sees the whole behaviour quickly.
 */
public final class SimClock {

    private final double timeScale;

    public SimClock(double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("time scale must be greater than 0: " + timeScale);
        }
        this.timeScale = timeScale;
    }

    public Instant now() {
        return Instant.now();
    }

    /** Real nanoseconds that a simulated duration takes. */
    public long realNanos(Duration simulated) {
        return (long) (simulated.toNanos() * timeScale);
    }

    /** The simulated time that has passed since a real instant. */
    public Duration simulatedSince(Instant since) {
        long realNanos = Duration.between(since, now()).toNanos();
        return Duration.ofNanos((long) (realNanos / timeScale));
    }

    /** The real instant at which {@code simulated} will have passed since {@code since}. */
    public Instant after(Instant since, Duration simulated) {
        return since.plusNanos(realNanos(simulated));
    }

    /** Simulated time to move {@code bytes} at {@code bytesPerSecond}. */
    public static Duration transferTime(long bytes, long bytesPerSecond) {
        return Duration.ofNanos((long) (bytes * 1e9 / bytesPerSecond));
    }

    public void sleep(Duration simulated) throws InterruptedException {
        long nanos = realNanos(simulated);
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
