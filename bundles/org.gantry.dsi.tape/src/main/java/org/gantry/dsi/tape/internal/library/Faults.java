package org.gantry.dsi.tape.internal.library;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The failures injected into a library, changeable at any time from config and the shell.
 * The library registers a change listener so that it persists disabled cartridges and wakes its
 * drives (a drive brought back up takes work at once).
 */
public final class Faults {

    private final Set<Fault> active = new LinkedHashSet<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    public void inject(Fault fault) {
        synchronized (active) {
            active.add(fault);
        }
        changed();
    }

    /** @return whether the fault was active */
    public boolean remove(Fault fault) {
        boolean removed;
        synchronized (active) {
            removed = active.remove(fault);
        }
        changed();
        return removed;
    }

    public void clear() {
        synchronized (active) {
            active.clear();
        }
        changed();
    }

    /** The active faults, in the order they were injected. */
    public List<Fault> active() {
        synchronized (active) {
            return new ArrayList<>(active);
        }
    }

    /** One line per active fault, for the shell. */
    public List<String> describe() {
        return active().stream().map(Fault::describe).toList();
    }

    public boolean mountFails(String cartridge) {
        return active().stream().anyMatch(f -> f instanceof Fault.MountFailure m && m.matches(cartridge));
    }

    public boolean isDisabled(String cartridge) {
        return has(new Fault.DisabledCartridge(cartridge));
    }

    public boolean isDriveDown(int drive) {
        return has(new Fault.DriveDown(drive));
    }

    public boolean flushWithoutLocation() {
        return has(new Fault.FlushWithoutLocation());
    }

    public boolean stuckFlush() {
        return has(new Fault.StuckFlush());
    }

    public boolean checksumMismatch() {
        return has(new Fault.ChecksumMismatch());
    }

    void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    void removeOnChange(Runnable listener) {
        changeListeners.remove(listener);
    }

    private boolean has(Fault fault) {
        synchronized (active) {
            return active.contains(fault);
        }
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }
}
