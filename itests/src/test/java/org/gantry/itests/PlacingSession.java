package org.gantry.itests;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import org.gantry.dsi.api.DataEndpoint;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.TransferDirection;

/** A session of {@link PlacingDsi}: everything goes to the storage's session except placement. */
final class PlacingSession extends ForwardingSession {

    private final BiFunction<String, TransferDirection, DataEndpoint> placement;

    PlacingSession(DsiSession storage, BiFunction<String, TransferDirection, DataEndpoint> placement) {
        super(storage);
        this.placement = placement;
    }

    @Override
    public CompletionStage<Optional<DataEndpoint>> placement(String path, TransferDirection direction) {
        return CompletableFuture.completedFuture(Optional.of(placement.apply(path, direction)));
    }
}
