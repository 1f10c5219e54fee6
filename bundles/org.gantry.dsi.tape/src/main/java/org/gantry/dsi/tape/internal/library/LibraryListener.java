package org.gantry.dsi.tape.internal.library;

/**
 * How the library reports finished work to the DSI, from its own threads. The DSI records each
 * outcome in its catalogue before returning, so a flush counts only once its location is stored.
 */
public interface LibraryListener {

    /** The file's data is on tape at {@code location}. */
    void flushed(long fileId, TapeLocation location);

    /** The flush failed; the file stays on disk only and may be queued again. */
    void flushFailed(long fileId, String reason);

    /** The file's data is back in its {@link RecallItem#target}, checked against its ADLER32. */
    void recalled(long fileId);

    /** The recall failed; nothing was left at the target. */
    void recallFailed(long fileId, String reason);
}
