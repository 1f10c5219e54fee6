package org.gantry.core.internal.data;

import java.util.concurrent.CompletableFuture;

import org.gantry.core.internal.protocol.FtpReplyException;

import io.netty.util.concurrent.Future;

/** Bridges Netty futures to {@link CompletableFuture}. */
public final class NettyFutures {

    private NettyFutures() {
    }

    public static <V> CompletableFuture<V> toStage(Future<V> future) {
        CompletableFuture<V> stage = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                stage.complete(future.getNow());
            } else {
                stage.completeExceptionally(f.cause());
            }
        });
        return stage;
    }

    /**
     * The reply for a failed data connection: the failure's own if it carries one (such as a
     * refused data channel authentication), else the generic 425.
     */
    public static FtpReplyException dataConnectionFailure(Throwable failure) {
        Throwable t = failure;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof FtpReplyException reply ? reply
                : new FtpReplyException(org.gantry.core.internal.protocol.Replies.CANT_OPEN_DATA_REPLY, t);
    }
}
