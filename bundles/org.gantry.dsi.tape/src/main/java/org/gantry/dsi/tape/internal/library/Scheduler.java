package org.gantry.dsi.tape.internal.library;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gantry.dsi.tape.internal.library.LibraryStatus.DriveState;

/**
 * Decides what each drive does next: the queues and drive states live here under one lock, the
 * drives do the slow work outside it and report back. Outcomes go to {@link ListenerDispatch},
 * which never calls the listener under this lock.
 */
final class Scheduler {

    /** What a drive is told to do. */
    sealed interface Step {
    }

    record Mount(String cartridge) implements Step {
    }

    record Unmount(String cartridge) implements Step {
    }

    record Read(RecallItem item, long from) implements Step {
    }

    record Write(FlushItem item, String cartridge, long from, long appendAt) implements Step {
    }

    /** The longest a drive waits without re-checking, in case a wake-up was missed. */
    private static final long MAX_WAIT_MILLIS = 500;

    private final LibrarySettings settings;
    private final SimClock clock;
    private final CartridgeStore store;
    private final Faults faults;
    private final ListenerDispatch events;
    private final LibraryCounters counters;
    private final FlushQueue flushes = new FlushQueue();
    private final RecallQueue recalls = new RecallQueue();
    private final Set<Long> flushing = new HashSet<>();
    private final DriveSlot[] drives;
    private boolean closed;

    Scheduler(LibrarySettings settings, SimClock clock, CartridgeStore store, Faults faults, ListenerDispatch events,
            LibraryCounters counters) {
        this.settings = settings;
        this.clock = clock;
        this.store = store;
        this.faults = faults;
        this.events = events;
        this.counters = counters;
        this.drives = new DriveSlot[settings.drives()];
        for (int i = 0; i < drives.length; i++) {
            drives[i] = new DriveSlot(i, clock.now());
        }
    }

    // ---- requests from the DSI

    synchronized void flush(FlushItem item) {
        if (!flushing.contains(item.fileId()) && flushes.add(item)) {
            notifyAll();
        }
    }

    synchronized boolean cancelFlush(long fileId) {
        return flushes.remove(fileId);
    }

    synchronized void recall(RecallItem item) {
        String cartridge = item.location().cartridge();
        if (!store.exists(cartridge)) {
            events.recallFailed(item.fileId(), "no cartridge " + cartridge + " in the library");
            return;
        }
        recalls.add(item);
        failDisabledRecalls();
        notifyAll();
    }

    synchronized boolean cancelRecall(long fileId) {
        return recalls.remove(fileId);
    }

    synchronized void wake() {
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    // ---- the drives' side

    /** Blocks until there is something for the drive to do. */
    synchronized Step next(int number) throws InterruptedException {
        DriveSlot drive = drives[number];
        while (true) {
            if (closed) {
                throw new InterruptedException("tape library closed");
            }
            failDisabledRecalls();
            Instant now = clock.now();
            if (faults.isDriveDown(number)) {
                if (drive.cartridge != null) {
                    return unmount(drive, now);
                }
                drive.set(DriveState.DOWN, now);
                wait(MAX_WAIT_MILLIS);
                continue;
            }
            if (drive.cartridge != null) {
                Step work = faults.isDisabled(drive.cartridge) ? null : workOnMounted(drive, now);
                if (work != null) {
                    return work;
                }
                Instant idleUntil = clock.after(drive.since, settings.idleUnmountAfter());
                if (faults.isDisabled(drive.cartridge) || !now.isBefore(idleUntil) || otherWorkWaiting(drive, now)) {
                    return unmount(drive, now);
                }
                drive.set(DriveState.IDLE, now);
                waitUntil(earliest(nextReadyTime(now), clock.after(drive.since, settings.idleUnmountAfter())), now);
                continue;
            }
            drive.set(DriveState.IDLE, now);
            Step mount = chooseMount(drive, now);
            if (mount != null) {
                return mount;
            }
            waitUntil(nextReadyTime(now), now);
        }
    }

    synchronized void mountFinished(int number, boolean mounted) {
        DriveSlot drive = drives[number];
        Instant now = clock.now();
        if (mounted) {
            counters.mounts.incrementAndGet();
            drive.head = 0;
            drive.set(DriveState.IDLE, now);
        } else {
            counters.mountFailures.incrementAndGet();
            String reason = "mount of cartridge " + drive.cartridge + " failed";
            recalls.drain(drive.cartridge).forEach(item -> events.recallFailed(item.fileId(), reason));
            if (drive.flushMount) {
                store.family(drive.cartridge).ifPresent(family -> flushes.items(family).forEach(item -> {
                    flushes.remove(item.fileId());
                    events.flushFailed(item.fileId(), reason);
                }));
            }
            drive.cartridge = null;
            drive.set(DriveState.IDLE, now);
        }
        notifyAll();
    }

    synchronized void unmounted(int number) {
        counters.unmounts.incrementAndGet();
        drives[number].cartridge = null;
        drives[number].set(DriveState.IDLE, clock.now());
        notifyAll();
    }

    synchronized void setState(int number, DriveState state) {
        drives[number].set(state, clock.now());
    }

    synchronized void readFinished(int number, RecallItem item) {
        recalls.finished(item.fileId());
        drives[number].head = item.location().offset() + item.location().length();
        drives[number].set(DriveState.IDLE, clock.now());
        notifyAll();
    }

    synchronized void writeFinished(int number, FlushItem item) {
        flushing.remove(item.fileId());
        DriveSlot drive = drives[number];
        drive.head = store.used(drive.cartridge);
        drive.set(DriveState.IDLE, clock.now());
        notifyAll();
    }

    synchronized LibraryStatus status() {
        List<LibraryStatus.Drive> driveStates = new ArrayList<>();
        Set<String> mounted = new HashSet<>();
        for (DriveSlot drive : drives) {
            driveStates.add(drive.snapshot());
            if (drive.cartridge != null) {
                mounted.add(drive.cartridge);
            }
        }
        List<LibraryStatus.Cartridge> cartridges = store.labels().stream()
                .map(label -> new LibraryStatus.Cartridge(label, store.family(label).orElse(null), store.used(label),
                        store.capacity(), faults.isDisabled(label), mounted.contains(label)))
                .toList();
        return new LibraryStatus(driveStates, cartridges, flushes.snapshot(clock), recalls.snapshot(clock),
                counters.snapshot());
    }

    // ---- decisions, all under the lock

    private Step unmount(DriveSlot drive, Instant now) {
        drive.set(DriveState.UNMOUNTING, now);
        return new Unmount(drive.cartridge);
    }

    /** The next recall (in position order, within the starvation bound) or flush for the mounted cartridge. */
    private Step workOnMounted(DriveSlot drive, Instant now) {
        List<RecallQueue.Request> here = recalls.queuedFor(drive.cartridge);
        boolean othersWait = recalls.hasQueuedOutside(occupiedCartridges());
        boolean lateAllowed = !othersWait || drive.lateServed < settings.recallSameTapeLimit();
        Optional<RecallQueue.Request> next = here.stream()
                .filter(r -> lateAllowed || r.sequence < drive.mountSequence)
                .min(Comparator.comparing((RecallQueue.Request r) -> r.offset() < drive.head)
                        .thenComparingLong(RecallQueue.Request::offset));
        if (next.isPresent()) {
            if (next.get().sequence >= drive.mountSequence) {
                drive.lateServed++;
            }
            drive.set(DriveState.SEEKING, now);
            return new Read(recalls.start(next.get().item.fileId()), drive.head);
        }
        Optional<String> family = store.family(drive.cartridge);
        if (family.isEmpty() || !(drive.flushMount || flushes.ready(family.get(), settings, clock))) {
            return null;
        }
        flushes.markStarted(family.get());
        for (FlushItem item : flushes.items(family.get())) {
            Optional<String> target = targetFor(item);
            if (target.isEmpty()) {
                continue;
            }
            if (!target.get().equals(drive.cartridge)) {
                return null;
            }
            flushes.remove(item.fileId());
            flushing.add(item.fileId());
            drive.set(DriveState.SEEKING, now);
            return new Write(item, drive.cartridge, drive.head, store.used(drive.cartridge));
        }
        return null;
    }

    /** The best cartridge to mount now: recalls by priority then age, flush batches as priority 0. */
    private Step chooseMount(DriveSlot drive, Instant now) {
        Set<String> occupied = occupiedCartridges();
        RecallQueue.CartridgeDemand best = null;
        boolean bestIsFlush = false;
        for (RecallQueue.CartridgeDemand demand : recalls.demand()) {
            if (!occupied.contains(demand.cartridge())
                    && clock.simulatedSince(demand.oldest()).compareTo(settings.recallMinAge()) >= 0) {
                best = demand;
                break;
            }
        }
        for (String family : flushes.families()) {
            if (!flushes.ready(family, settings, clock)) {
                continue;
            }
            Optional<String> target = flushTarget(family);
            if (target.isEmpty() || occupied.contains(target.get())) {
                continue;
            }
            RecallQueue.CartridgeDemand demand = new RecallQueue.CartridgeDemand(target.get(), 0,
                    flushes.oldest(family).orElseThrow().created());
            if (best == null || RecallQueue.MOUNT_ORDER.compare(demand, best) < 0) {
                best = demand;
                bestIsFlush = true;
            }
        }
        if (best == null) {
            return null;
        }
        drive.cartridge = best.cartridge();
        drive.flushMount = bestIsFlush;
        drive.mountSequence = recalls.nextSequence();
        drive.lateServed = 0;
        drive.set(DriveState.MOUNTING, now);
        return new Mount(best.cartridge());
    }

    /**
     * Where a queued file would go; a file that fits nowhere is failed (and removed) here, since
     * no later decision could place it.
     */
    private Optional<String> targetFor(FlushItem item) {
        Set<String> unusable = new HashSet<>();
        for (String label : store.labels()) {
            if (faults.isDisabled(label)) {
                unusable.add(label);
            }
        }
        Optional<String> target = store.targetFor(item.family(), item.size(), unusable);
        if (target.isEmpty()) {
            flushes.remove(item.fileId());
            events.flushFailed(item.fileId(), "library full: no cartridge has room for " + item.size()
                    + " bytes of family " + item.family());
        }
        return target;
    }

    /** The cartridge the family's next file goes to (failing files that fit nowhere), if any is left. */
    private Optional<String> flushTarget(String family) {
        for (FlushItem item : flushes.items(family)) {
            Optional<String> target = targetFor(item);
            if (target.isPresent()) {
                return target;
            }
        }
        return Optional.empty();
    }

    /** Whether work that only an unmount of this drive can serve is waiting (no empty drive is free). */
    private boolean otherWorkWaiting(DriveSlot self, Instant now) {
        for (DriveSlot drive : drives) {
            if (drive != self && drive.isFreeAndEmpty() && !faults.isDriveDown(drive.number)) {
                return false;
            }
        }
        Set<String> occupied = occupiedCartridges();
        for (RecallQueue.CartridgeDemand demand : recalls.demand()) {
            if (!occupied.contains(demand.cartridge())
                    && clock.simulatedSince(demand.oldest()).compareTo(settings.recallMinAge()) >= 0) {
                return true;
            }
        }
        for (String family : flushes.families()) {
            if (flushes.ready(family, settings, clock)
                    && flushTarget(family).map(target -> !occupied.contains(target)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Set<String> occupiedCartridges() {
        Set<String> occupied = new HashSet<>();
        for (DriveSlot drive : drives) {
            if (drive.cartridge != null) {
                occupied.add(drive.cartridge);
            }
        }
        return occupied;
    }

    /** The next moment a waiting request becomes ready by age (null: none will without news). */
    private Instant nextReadyTime(Instant now) {
        Instant next = null;
        for (RecallQueue.CartridgeDemand demand : recalls.demand()) {
            Instant ready = clock.after(demand.oldest(), settings.recallMinAge());
            if (ready.isAfter(now)) {
                next = earliest(next, ready);
            }
        }
        for (String family : flushes.families()) {
            Optional<Instant> ready = flushes.readyByAgeAt(family, settings, clock);
            if (ready.isPresent() && ready.get().isAfter(now)) {
                next = earliest(next, ready.get());
            }
        }
        return next;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private void waitUntil(Instant deadline, Instant now) throws InterruptedException {
        long millis = deadline == null ? MAX_WAIT_MILLIS : Duration.between(now, deadline).toMillis() + 1;
        wait(Math.max(1, Math.min(MAX_WAIT_MILLIS, millis)));
    }

    private void failDisabledRecalls() {
        for (RecallQueue.CartridgeDemand demand : recalls.demand()) {
            if (faults.isDisabled(demand.cartridge())) {
                String reason = "cartridge " + demand.cartridge() + " is disabled";
                recalls.drain(demand.cartridge()).forEach(item -> events.recallFailed(item.fileId(), reason));
            }
        }
    }
}
