package org.gantry.dsi.tape.internal;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.PathResolver;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.SiteCommand;
import org.gantry.dsi.api.SiteReply;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;

/**
 * {@code SITE STAGE <timeout> <path>}, as Globus Transfer and the Globus HPSS DSI use it: starts
 * (or joins) the recall of a file and waits up to {@code timeout} seconds. {@code 250} when the
 * file is on disk, {@code 450} while the recall goes on (the client polls again), a permanent
 * {@code 550} when the file cannot be staged by this user or at all.
 */
final class StageCommand implements SiteCommand {

    private final TapeStore store;

    StageCommand(TapeStore store) {
        this.store = store;
    }

    TapeStore store() {
        return store;
    }

    @Override
    public String name() {
        return "STAGE";
    }

    @Override
    public String help() {
        return "STAGE <sp> timeout <sp> path";
    }

    @Override
    public CompletionStage<SiteReply> execute(DsiSession session, String arguments, PathResolver paths) {
        String[] parts = arguments.trim().split(" ", 2);
        if (parts.length < 2 || !parts[0].matches("\\d{1,9}") || parts[1].isBlank()) {
            return CompletableFuture.completedFuture(new SiteReply(501, "Syntax: SITE STAGE <timeout> <path>"));
        }
        int timeout = Integer.parseInt(parts[0]);
        String clientPath = parts[1];
        TapeSession tape = (TapeSession) session;
        CompletableFuture<SiteReply> reply = new CompletableFuture<>();
        store.background().run(() -> {
            String path = paths.resolve(clientPath);
            CatalogueEntry file = tape.existingFile(path);
            return switch (file.locality()) {
                case LOST -> CompletableFuture.completedFuture(
                        new SiteReply(550, clientPath + ": the file is LOST (no copy on any medium)."));
                case UNAVAILABLE -> CompletableFuture.completedFuture(
                        new SiteReply(451, clientPath + ": the file is UNAVAILABLE, try again later."));
                default -> waitFor(tape.stage(file, path), file, clientPath, timeout);
            };
        }).whenComplete((pending, failure) -> {
            if (failure != null) {
                reply.complete(refusal(clientPath, failure));
            } else {
                pending.whenComplete((r, e) -> reply.complete(e != null ? refusal(clientPath, e) : r));
            }
        });
        return reply;
    }

    private CompletableFuture<SiteReply> waitFor(CompletableFuture<Void> recall, CatalogueEntry file,
            String clientPath, int timeout) {
        return recall.copy().orTimeout(timeout, TimeUnit.SECONDS).handle((v, e) -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return new SiteReply(450, clientPath + ": is being retrieved from the archive...");
            }
            if (cause != null) {
                return refusal(clientPath, cause);
            }
            store.cache().pin(file.id(), Instant.now().plus(store.policy().pinLifetime()));
            return new SiteReply(250, "Stage of file " + clientPath + " succeeded.");
        });
    }

    private static SiteReply refusal(String clientPath, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (cause instanceof DsiException d && d.replyCode().isPresent()) {
            return new SiteReply(d.replyCode().get(), clientPath + ": " + reason);
        }
        if (cause instanceof PermissionDeniedException) {
            return new SiteReply(550, clientPath + ": staging is not permitted (" + reason + ").");
        }
        if (cause instanceof org.gantry.dsi.api.NotFoundException
                || cause instanceof org.gantry.dsi.api.IsDirectoryException
                || cause instanceof org.gantry.dsi.api.InvalidPathException
                || cause instanceof org.gantry.dsi.api.NotDirectoryException) {
            return new SiteReply(550, clientPath + ": " + reason);
        }
        if (cause instanceof DsiException) {
            return new SiteReply(451, clientPath + ": " + reason);
        }
        return new SiteReply(451, clientPath + ": stage failed: " + reason);
    }
}
