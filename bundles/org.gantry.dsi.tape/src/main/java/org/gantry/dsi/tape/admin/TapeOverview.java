package org.gantry.dsi.tape.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one tape DSI instance.
 *
 * @param drives     the library's drives
 * @param cartridges the cartridges
 * @param queue      waiting flushes and recalls, oldest first
 * @param metrics    counters by name: queue lengths, mounts, bytes flushed and recalled, cache use
 */
public record TapeOverview(List<Drive> drives, List<Cartridge> cartridges, List<Queued> queue,
        Map<String, Long> metrics) {

    public TapeOverview {
        drives = List.copyOf(drives);
        cartridges = List.copyOf(cartridges);
        queue = List.copyOf(queue);
        metrics = Map.copyOf(metrics);
    }

    /** @param cartridge the cartridge in the drive, or empty */
    public record Drive(int number, String state, String cartridge, Duration inState) {
    }

    /** @param family empty while the cartridge is unassigned */
    public record Cartridge(String label, String family, long usedBytes, long capacity, boolean disabled,
            boolean mounted) {
    }

    /**
     * @param kind  FLUSH or RECALL
     * @param where the family (flush) or cartridge (recall)
     * @param age   simulated time the request has waited
     */
    public record Queued(String kind, String path, String where, String requester, int priority, Duration age) {
    }
}
