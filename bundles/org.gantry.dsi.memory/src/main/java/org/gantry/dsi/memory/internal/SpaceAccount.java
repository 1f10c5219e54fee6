package org.gantry.dsi.memory.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte budget of one memory DSI. Reservations never wait: they succeed at once or fail, so
 * a full DSI answers "no space" instead of stalling a transfer.
 */
final class SpaceAccount {

    private volatile long capacity;
    private final AtomicLong used = new AtomicLong();

    SpaceAccount(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget if they are all available. */
    boolean tryReserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long current = used.get();
            if (bytes > capacity - current) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    /** A smaller capacity than what is used only stops new reservations; nothing is evicted. */
    void setCapacity(long capacity) {
        this.capacity = capacity;
    }

    long used() {
        return used.get();
    }

    long available() {
        return Math.max(0, capacity - used.get());
    }
}
