package org.gantry.itests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples named gauges at a fixed period and keeps, per gauge, the baseline (the first reading)
 * and the highest reading above it. A gauge that reads negative (the JVM or library does not
 * track it) is reported as unavailable rather than as zero.
 */
final class PeakSampler implements AutoCloseable {

    /** One gauge's result; {@code peakAboveBaseline} is -1 for an unavailable gauge. */
    record Peak(String name, long baseline, long peakAboveBaseline, long peakAtMillis) {

        boolean available() {
            return baseline >= 0;
        }

        @Override
        public String toString() {
            return available()
                    ? String.format("%s: baseline %.1f MiB, peak +%.1f MiB at %.1f s", name, mib(baseline),
                            mib(peakAboveBaseline), peakAtMillis / 1000.0)
                    : name + ": not tracked";
        }
    }

    private final Map<String, LongSupplier> gauges;
    private final Map<String, long[]> state = new LinkedHashMap<>(); // baseline, peak, at
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peak-sampler");
        t.setDaemon(true);
        return t;
    });
    private final long startNanos = System.nanoTime();
    private long samples;

    /** Reads every gauge once (the baselines), then again every {@code periodMillis}. */
    PeakSampler(Map<String, LongSupplier> gauges, long periodMillis) {
        this.gauges = new LinkedHashMap<>(gauges);
        this.gauges.forEach((name, gauge) -> {
            long baseline = gauge.getAsLong();
            state.put(name, new long[] { baseline, baseline < 0 ? -1 : 0, 0 });
        });
        timer.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        samples++;
        long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        gauges.forEach((name, gauge) -> {
            long[] s = state.get(name);
            if (s[0] < 0) {
                return;
            }
            long above = gauge.getAsLong() - s[0];
            if (above > s[1]) {
                s[1] = above;
                s[2] = at;
            }
        });
    }

    synchronized Peak peak(String name) {
        long[] s = state.get(name);
        return new Peak(name, s[0], s[1], s[2]);
    }

    synchronized long samples() {
        return samples;
    }

    /** Stops sampling after one last reading. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
