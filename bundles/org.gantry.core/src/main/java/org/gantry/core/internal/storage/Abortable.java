package org.gantry.core.internal.storage;

import java.util.concurrent.CompletionStage;

/** Something in flight that can be stopped from outside, such as a transfer. */
public interface Abortable {

    /** Asks it to stop; the cause decides the reply. Idempotent. */
    void abort(Throwable cause);

    /** Completes when it has stopped (its reply written, its resources released). */
    CompletionStage<?> finished();
}
