package org.gantry.core.internal.data;

import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;

/** The sending side of a mode. All methods are called on {@link #executor()}. */
public interface OutgoingData {

    /** The single thread the transfer engine confines its state to. */
    EventExecutor executor();

    ByteBufAllocator alloc();

    /**
     * Sends a block of file data; takes ownership of {@code data}. Completes once the bytes are
     * handed to the network, which is the engine's back-pressure; fails if the peer went away.
     */
    CompletionStage<Void> send(ByteBuf data, long offset);

    /** Signals the end of the data and completes when the receiver can see it. */
    CompletionStage<Void> finish();

    /** Drops the connection(s) at once. */
    void abort();
}
