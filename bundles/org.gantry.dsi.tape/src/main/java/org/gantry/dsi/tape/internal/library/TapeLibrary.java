package org.gantry.dsi.tape.internal.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulated tape library: drives, cartridges backed by real files in {@code directory}, and
 * the flush and recall queues. Requests return at once; outcomes arrive at the listener from the
 * library's own thread. Building a new library on the same directory continues where the old one
 * stopped (cartridge families, append positions, disabled flags); queued work is the DSI's to
 * submit again.
 */
public final class TapeLibrary implements AutoCloseable {

    private final Faults faults;
    private final CartridgeStore store;
    private final ListenerDispatch events;
    private final Scheduler scheduler;
    private final List<Thread> driveThreads = new ArrayList<>();
    private final Runnable onFaultChange = this::faultsChanged;
    private boolean closed;

    public TapeLibrary(LibrarySettings settings, Path directory, LibraryListener listener, Faults faults) throws IOException {
        this.faults = faults;
        SimClock clock = new SimClock(settings.timeScale());
        this.store = new CartridgeStore(directory, settings.cartridges(), settings.cartridgeCapacity());
        LibraryCounters counters = new LibraryCounters();
        this.events = new ListenerDispatch(listener, counters);
        this.scheduler = new Scheduler(settings, clock, store, faults, events, counters);
        // Disabled flags persist across restarts: what was disabled stays so until cleared.
        store.disabledLabels().forEach(label -> faults.inject(new Fault.DisabledCartridge(label)));
        faults.onChange(onFaultChange);
        faultsChanged();
        TapeIo io = new TapeIo(store);
        for (int i = 0; i < settings.drives(); i++) {
            Thread thread = new Thread(new DriveWorker(i, settings, clock, scheduler, io, faults, events), "tape-drive-" + i);
            thread.setDaemon(true);
            driveThreads.add(thread);
        }
        driveThreads.forEach(Thread::start);
    }

    /** Queues a file for flushing; a file already queued or being written is not queued twice. */
    public void flush(FlushItem item) {
        scheduler.flush(item);
    }

    /** @return true if the flush was still queued (then no outcome is ever reported for it) */
    public boolean cancelFlush(long fileId) {
        return scheduler.cancelFlush(fileId);
    }

    /** Queues a recall, merging it with a queued or running one for the same file. */
    public void recall(RecallItem item) {
        scheduler.recall(item);
    }

    /** @return true if the recall was still queued (then no outcome is ever reported for it) */
    public boolean cancelRecall(long fileId) {
        return scheduler.cancelRecall(fileId);
    }

    public LibraryStatus status() {
        return scheduler.status();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Stops the drives; running work is abandoned and nothing is reported after this returns. If
     * the calling thread is interrupted meanwhile, close still finishes and keeps the interrupt.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        faults.removeOnChange(onFaultChange);
        scheduler.close();
        boolean interrupted = false;
        while (true) {
            try {
                events.close();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        driveThreads.forEach(Thread::interrupt);
        for (Thread thread : driveThreads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void faultsChanged() {
        Set<String> disabled = new HashSet<>();
        for (String label : store.labels()) {
            if (faults.isDisabled(label)) {
                disabled.add(label);
            }
        }
        store.setDisabled(disabled);
        scheduler.wake();
    }
}
