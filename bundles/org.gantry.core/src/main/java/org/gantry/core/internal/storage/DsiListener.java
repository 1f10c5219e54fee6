package org.gantry.core.internal.storage;

/** Told when a DSI service goes away, after its transfers have been aborted. */
@FunctionalInterface
public interface DsiListener {

    void dsiRemoved(DsiEntry entry);
}
