package org.gantry.itests;

/**
 * A fixed byte rate shared by every caller, like one slow disk: each request of n bytes gets the
 * next n / rate seconds of the device's time, and learns how long to wait until its slot ends.
 */
final class BytePacer {

    private final long bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    BytePacer(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Books {@code bytes} and returns the nanoseconds from now until they are done. */
    synchronized long book(long bytes) {
        long now = System.nanoTime();
        long start = Math.max(now, nextFreeNanos);
        nextFreeNanos = start + bytes * 1_000_000_000L / bytesPerSecond;
        return nextFreeNanos - now;
    }
}
