package org.gantry.dsi.tape.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.PathResolver;
import org.gantry.dsi.api.SiteCommand;
import org.gantry.dsi.api.SiteReply;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;

/**
 * {@code SITE STAGESTATUS <path>}: where a file's data is ({@code ONLINE}, {@code NEARLINE},
 * ...) and whether a recall is queued. Only reads the catalogue: a status query never starts a
 * stage (dCache learned that the hard way).
 */
final class StageStatusCommand implements SiteCommand {

    private final TapeStore store;

    StageStatusCommand(TapeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "STAGESTATUS";
    }

    @Override
    public String help() {
        return "STAGESTATUS <sp> path";
    }

    @Override
    public CompletionStage<SiteReply> execute(DsiSession session, String arguments, PathResolver paths) {
        String clientPath = arguments.trim();
        if (clientPath.isEmpty()) {
            return CompletableFuture.completedFuture(new SiteReply(501, "Syntax: SITE STAGESTATUS <path>"));
        }
        return store.background().run(() -> {
            CatalogueEntry entry = store.catalogue().lookup(paths.resolve(clientPath));
            String queued = store.recalls().inFlight(entry.id()) ? " (recall queued)" : "";
            return new SiteReply(250, clientPath + " " + entry.locality() + queued);
        }).exceptionally(e -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new SiteReply(550, clientPath + ": " + cause.getMessage());
        });
    }
}
