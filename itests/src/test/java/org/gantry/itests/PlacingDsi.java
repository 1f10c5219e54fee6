package org.gantry.itests;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gantry.dsi.api.DataEndpoint;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiCapabilities;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.api.TransferDirection;

/**
 * A test back-end that stores through another DSI (the real POSIX one) but places every file's
 * data endpoint on a given address, as a DSI with movers on another interface would, and records
 * each placement it was asked for as {@code "<direction> <path>"}.
 */
final class PlacingDsi implements Dsi {

    private final Dsi storage;
    private final DataEndpoint endpoint;
    private final List<String> placements = new CopyOnWriteArrayList<>();

    PlacingDsi(Dsi storage, InetSocketAddress endpoint) {
        this.storage = storage;
        this.endpoint = new DataEndpoint(endpoint);
    }

    /** The storage's capabilities, with placement. */
    @Override
    public DsiCapabilities capabilities() {
        DsiCapabilities c = storage.capabilities();
        return new DsiCapabilities(c.randomWrites(), c.append(), c.partialReads(), c.keepsPartialUploads(),
                c.symlinks(), c.permissions(), c.modificationTimes(), c.checksumAlgorithms(), true, c.staging());
    }

    @Override
    public CompletionStage<DsiSession> openSession(SessionContext context) {
        return storage.openSession(context).thenApply(session -> new PlacingSession(session, this::place));
    }

    /** The placements asked for so far, e.g. {@code RECEIVE /f}, in order. */
    List<String> placements() {
        return List.copyOf(placements);
    }

    private DataEndpoint place(String path, TransferDirection direction) {
        placements.add(direction + " " + path);
        return endpoint;
    }
}
