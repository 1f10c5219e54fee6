package org.gantry.core.internal.data;

import java.util.concurrent.CompletableFuture;

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
}
