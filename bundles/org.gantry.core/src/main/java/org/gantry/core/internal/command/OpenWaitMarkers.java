package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.session.Session;

/**
 * Keeps the control channel alive while a download waits for its file to open, which on a
 * staging back-end means a recall from tape that may take minutes: a {@code 112} performance
 * marker with zero bytes every {@code stagingMarkerInterval}, before the {@code 150}, until the
 * open completes or fails. Without them a client, firewall or NAT may give up on a silent
 * control connection.
 *
 * <p>Why 112 with zero bytes: it claims nothing false (no byte has moved, where a {@code 111
 * Range Marker} would name a range as done) and it is the reply FTS and Globus Transfer read as
 * "still alive". Both Debian clients accept it before 150, tried against a scripted server that
 * delays its 150 by 4 s and sends one reply per second meanwhile (2026-11): globus-url-copy
 * 10.12 (GCT 6.2) and gfal-copy 1.8.0 (gfal2 2.21.3) finish the download with {@code 112-Perf
 * Marker … 112 End.}, and equally with {@code 111 Range Marker 0-0}, {@code 113 text} or {@code
 * 120 text}; so does a gfal-copy third-party copy from such a server. gfal2's {@code GRIDFTP
 * PLUGIN:PERF_MARKER_TIMEOUT} (set to 5 s) ended neither a download to a local file nor a
 * third-party copy that waited 12 to 15 s for the 150 without any marker: it does not watch
 * this phase, so the markers are for firewalls, NAT and impatient clients, not for gfal2.
 */
final class OpenWaitMarkers {

    private OpenWaitMarkers() {
    }

    /** Sends markers until {@code open} completes; the returned stage completes after they stop. */
    static <T> CompletionStage<T> whileOpening(Session session, CompletionStage<T> open) {
        Duration every = session.options().stagingMarkerInterval();
        if (every.isZero() || every.isNegative()) {
            return open;
        }
        ScheduledFuture<?> timer = session.eventLoop().scheduleAtFixedRate(
                () -> session.reply(Replies.performanceMarker(System.currentTimeMillis(), 0)),
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return open.whenComplete((v, t) -> timer.cancel(false));
    }
}
