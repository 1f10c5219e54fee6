package org.gantry.dsi.tape.internal.library;

import java.time.Instant;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;

/** One drive's state as the scheduler sees it; guarded by the scheduler's lock. */
final class DriveSlot {

    final int number;
    DriveState state = DriveState.IDLE;
    /** The cartridge in the drive, or being mounted or unmounted; null when empty. */
    String cartridge;
    Instant since;
    /** Head position on the mounted cartridge, for seek times and position order. */
    long head;
    /** Mounted to write a family's batch (rather than for recalls). */
    boolean flushMount;
    /** Requests with a sequence from here on joined this mount late (starvation bound). */
    long mountSequence;
    int lateServed;

    DriveSlot(int number, Instant now) {
        this.number = number;
        this.since = now;
    }

    void set(DriveState newState, Instant now) {
        if (state != newState) {
            state = newState;
            since = now;
        }
    }

    boolean isFreeAndEmpty() {
        return cartridge == null && state == DriveState.IDLE;
    }

    LibraryStatus.Drive snapshot() {
        return new LibraryStatus.Drive(number, state, cartridge, since);
    }
}
