package org.gantry.dsi.tape.internal.library;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drive's thread: asks the scheduler for a step, spends the step's simulated time (mount,
 * seek, transfer, unmount) and moves the real bytes, then reports back.
 */
final class DriveWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DriveWorker.class);
    /** How often a stuck write looks at its watchdog, in simulated time. */
    private static final Duration STUCK_POLL = Duration.ofSeconds(1);

    private final int number;
    private final LibrarySettings settings;
    private final SimClock clock;
    private final Scheduler scheduler;
    private final TapeIo io;
    private final Faults faults;
    private final ListenerDispatch events;

    DriveWorker(int number, LibrarySettings settings, SimClock clock, Scheduler scheduler, TapeIo io, Faults faults,
            ListenerDispatch events) {
        this.number = number;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.io = io;
        this.faults = faults;
        this.events = events;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Scheduler.Step step = scheduler.next(number);
                if (step instanceof Scheduler.Mount mount) {
                    clock.sleep(settings.mountTime());
                    scheduler.mountFinished(number, !faults.mountFails(mount.cartridge()));
                } else if (step instanceof Scheduler.Unmount) {
                    clock.sleep(settings.unmountTime());
                    scheduler.unmounted(number);
                } else if (step instanceof Scheduler.Read read) {
                    recall(read);
                } else if (step instanceof Scheduler.Write write) {
                    flush(write);
                }
            }
        } catch (InterruptedException closing) {
            // The library is closing: running work is abandoned.
        } catch (RuntimeException e) {
            LOG.error("Tape drive {} stopped", number, e);
        }
    }

    private void recall(Scheduler.Read read) throws InterruptedException {
        RecallItem item = read.item();
        try {
            seek(read.from(), item.location().offset());
            scheduler.setState(number, DriveState.READING);
            io.recall(item, bytes -> clock.sleep(SimClock.transferTime(bytes, settings.readRate())),
                    faults.checksumMismatch());
            events.recalled(item.fileId(), item.location().length());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("tape library closed during a recall");
            }
            events.recallFailed(item.fileId(), reason(e));
        } finally {
            scheduler.readFinished(number, item);
        }
    }

    private void flush(Scheduler.Write write) throws InterruptedException {
        FlushItem item = write.item();
        try {
            seek(write.from(), write.appendAt());
            scheduler.setState(number, DriveState.WRITING);
            Instant started = clock.now();
            long offset = io.append(write.cartridge(), item, bytes -> paceWrite(bytes, started));
            if (faults.flushWithoutLocation()) {
                events.flushFailed(item.fileId(), "no tape location");
            } else {
                events.flushed(item.fileId(), new TapeLocation(write.cartridge(), offset, item.size()));
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("tape library closed during a flush");
            }
            events.flushFailed(item.fileId(), reason(e));
        } finally {
            scheduler.writeFinished(number, item);
        }
    }

    /** A write chunk's transfer time; a stuck write makes no progress until its watchdog fires. */
    private void paceWrite(long bytes, Instant started) throws IOException, InterruptedException {
        while (faults.stuckFlush()) {
            checkWatchdog(started);
            clock.sleep(STUCK_POLL);
        }
        clock.sleep(SimClock.transferTime(bytes, settings.writeRate()));
        checkWatchdog(started);
    }

    private void checkWatchdog(Instant started) throws TapeIo.TransferFailed {
        if (clock.simulatedSince(started).compareTo(settings.flushWatchdog()) > 0) {
            throw new TapeIo.TransferFailed("flush watchdog: the write took longer than " + settings.flushWatchdog());
        }
    }

    private void seek(long from, long to) throws InterruptedException {
        scheduler.setState(number, DriveState.SEEKING);
        long distance = Math.abs(to - from);
        double share = Math.min(1.0, (double) distance / settings.cartridgeCapacity());
        clock.sleep(Duration.ofNanos((long) (settings.fullSeekTime().toNanos() * share)));
    }

    private static String reason(IOException e) {
        return e instanceof TapeIo.TransferFailed ? e.getMessage() : "tape I/O error: " + e;
    }
}
