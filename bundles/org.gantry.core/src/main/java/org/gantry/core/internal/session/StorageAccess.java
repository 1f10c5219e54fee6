package org.gantry.core.internal.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import org.gantry.core.internal.protocol.DsiErrorMapper;
import org.gantry.core.internal.protocol.FailureMapper;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.InvalidPathException;
import org.gantry.dsi.api.StorageUnavailableException;

/**
 * How commands reach storage: resolve a client path through the user's root and the mount table
 * (again for every command, so mount changes apply at once), then call the DSI session for it,
 * turning back-end failures into replies that name the client's path.
 */
public final class StorageAccess {

    private final Session session;

    StorageAccess(Session session) {
        this.session = session;
    }

    /**
     * Resolves a client path.
     *
     * @throws FtpReplyException 550 for an invalid path, 451 if its storage is unavailable
     */
    public Target target(String clientPath) {
        VirtualPaths paths = session.paths();
        String userPath;
        try {
            userPath = paths.resolve(clientPath);
        } catch (InvalidPathException e) {
            throw new FtpReplyException(DsiErrorMapper.toReply(e, clientPath));
        }
        String serverPath = paths.toServer(userPath);
        try {
            return new Target(userPath, serverPath, session.server().resolver().resolve(serverPath));
        } catch (StorageUnavailableException e) {
            throw new FtpReplyException(DsiErrorMapper.toReply(e, userPath));
        }
    }

    /** Runs a DSI operation on the target's DSI path, failures mapped to replies. */
    public <T> CompletionStage<T> call(Target target, Operation<T> operation) {
        return call(target, operation, DsiErrorMapper::toReply);
    }

    /** As {@link #call(Target, Operation)}, with a special mapping of back-end failures. */
    public <T> CompletionStage<T> call(Target target, Operation<T> operation,
            BiFunction<DsiException, String, Reply> mapper) {
        return session.dsiSessions().get(target.entry()).thenCompose(ds -> {
            try {
                return operation.apply(ds, target.dsiPath());
            } catch (RuntimeException e) {
                return CompletableFuture.<T>failedFuture(e);
            }
        }).handle((value, failure) -> {
            if (failure != null) {
                throw mapFailure(target, failure, mapper);
            }
            return value;
        });
    }

    /** A failure as a reply for this target where it is a back-end failure. */
    public static RuntimeException mapFailure(Target target, Throwable failure) {
        return mapFailure(target, failure, DsiErrorMapper::toReply);
    }

    private static RuntimeException mapFailure(Target target, Throwable failure,
            BiFunction<DsiException, String, Reply> mapper) {
        Throwable t = FailureMapper.unwrap(failure);
        if (t instanceof DsiException de) {
            return new FtpReplyException(mapper.apply(de, target.userPath()), de);
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        return new CompletionException(t);
    }

    /** An operation on one DSI session and the DSI path of the target. */
    @FunctionalInterface
    public interface Operation<T> {
        CompletionStage<T> apply(DsiSession session, String dsiPath);
    }
}
