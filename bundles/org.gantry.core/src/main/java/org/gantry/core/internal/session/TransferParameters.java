package org.gantry.core.internal.session;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.PassiveStyle;
import org.gantry.core.internal.data.StreamMode;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.format.MlstFacts;
import org.gantry.dsi.api.Checksum;

/**
 * The settings earlier commands made for the next transfers: TYPE, MODE, REST, ALLO, SCKS, the
 * data channel (PASV/PORT/SPAS/SPOR, or a passive reply delayed until the file is known),
 * parallelism, TCP buffer, marker intervals, a pending RNFR and the MLST facts. Synchronised
 * because a disconnect may close the data channel while a command
 * runs.
 */
public final class TransferParameters {

    private char type = 'A';
    private TransferMode mode = StreamMode.INSTANCE;
    private Restart restart = Restart.NONE;
    private int parallelism = 1;
    private int socketBuffer;
    private Duration restartMarkerInterval;
    private Duration performanceMarkerInterval;
    private long allocation = -1;
    private Checksum expectedChecksum;
    private Duration checksumMarkerInterval;
    private DataChannelSetup dataSetup;
    private PassiveStyle delayedPassive;
    private boolean allowDelayedPassive;
    private boolean epsvAll;
    private boolean closed;
    private Target renameFrom;
    private String symlinkFrom;
    private Set<String> mlstFacts = new LinkedHashSet<>(MlstFacts.SUPPORTED);

    public synchronized char type() {
        return type;
    }

    public synchronized void type(char t) {
        type = t;
    }

    public synchronized TransferMode mode() {
        return mode;
    }

    /** Changing the mode drops the data setup: its connections speak the old framing. */
    public synchronized void mode(TransferMode m) {
        if (m != mode) {
            dataSetup(null);
        }
        mode = m;
    }

    public synchronized void restart(Restart r) {
        restart = r;
    }

    /** The REST point for this transfer ({@link Restart#NONE} if none); it applies once. */
    public synchronized Restart takeRestart() {
        Restart r = restart;
        restart = Restart.NONE;
        return r;
    }

    /** MODE E connections per stripe when this server sends. */
    public synchronized int parallelism() {
        return parallelism;
    }

    public synchronized void parallelism(int n) {
        parallelism = n;
    }

    /** TCP buffer size for new data connections, 0 for the system default. */
    public synchronized int socketBuffer() {
        return socketBuffer;
    }

    public synchronized void socketBuffer(int bytes) {
        socketBuffer = bytes;
    }

    /** The session's 111 marker interval (TREV RESTART), if the client set one. */
    public synchronized Optional<Duration> restartMarkerInterval() {
        return Optional.ofNullable(restartMarkerInterval);
    }

    public synchronized void restartMarkerInterval(Duration d) {
        restartMarkerInterval = d;
    }

    /** The session's 112 marker interval (TREV PERF), if the client set one. */
    public synchronized Optional<Duration> performanceMarkerInterval() {
        return Optional.ofNullable(performanceMarkerInterval);
    }

    public synchronized void performanceMarkerInterval(Duration d) {
        performanceMarkerInterval = d;
    }

    public synchronized void allocation(long size) {
        allocation = size;
    }

    /** The ALLO size for this transfer (-1 if none); it applies once. */
    public synchronized long takeAllocation() {
        long a = allocation;
        allocation = -1;
        return a;
    }

    /** SCKS: the checksum the next upload must have. */
    public synchronized void expectedChecksum(Checksum checksum) {
        expectedChecksum = checksum;
    }

    /** The SCKS value for this upload, if any; it applies once. */
    public synchronized Optional<Checksum> takeExpectedChecksum() {
        Checksum c = expectedChecksum;
        expectedChecksum = null;
        return Optional.ofNullable(c);
    }

    /** How often CKSM sends 113 progress markers ({@code OPTS CKSM markers=n}), if at all. */
    public synchronized Optional<Duration> checksumMarkerInterval() {
        return Optional.ofNullable(checksumMarkerInterval);
    }

    public synchronized void checksumMarkerInterval(Duration d) {
        checksumMarkerInterval = d;
    }

    /**
     * Installs a new data channel setup, closing the previous one (and forgetting a delayed
     * passive). Once the session is closed a new setup is closed at once: a delayed listener may
     * be opened after the client went away.
     */
    public synchronized void dataSetup(DataChannelSetup setup) {
        if (dataSetup != null) {
            dataSetup.close();
        }
        dataSetup = closed ? null : setup;
        delayedPassive = null;
        if (closed && setup != null) {
            setup.close();
        }
    }

    /**
     * A passive request whose listener is opened, and whose address the client is told (127/129),
     * only once the transfer command names the file, so that storage can choose where it is served.
     */
    public synchronized void delayPassive(PassiveStyle style) {
        dataSetup(null);
        delayedPassive = style;
    }

    /** The delayed passive request for this transfer, or null; it applies once. */
    public synchronized PassiveStyle takeDelayedPassive() {
        PassiveStyle style = delayedPassive;
        delayedPassive = null;
        return style;
    }

    /** Whether PASV, EPSV and SPAS delay their reply ({@code OPTS PASV AllowDelayed=1}). */
    public synchronized boolean allowDelayedPassive() {
        return allowDelayedPassive;
    }

    public synchronized void allowDelayedPassive(boolean on) {
        allowDelayedPassive = on;
    }

    /**
     * The data channel setup for this transfer, or null. In stream mode a setup serves one
     * transfer and is taken; in MODE E it stays for the next transfers (connection caching).
     */
    public synchronized DataChannelSetup dataSetupForTransfer() {
        DataChannelSetup s = dataSetup;
        if (!mode.keepsSetup()) {
            dataSetup = null;
        }
        return s;
    }

    public synchronized boolean epsvAll() {
        return epsvAll;
    }

    public synchronized void epsvAll(boolean on) {
        epsvAll = on;
    }

    public synchronized Target renameFrom() {
        return renameFrom;
    }

    public synchronized void renameFrom(Target t) {
        renameFrom = t;
    }

    /** The target a SITE SYMLINKFROM named, waiting for its SITE SYMLINKTO. */
    public synchronized String symlinkFrom() {
        return symlinkFrom;
    }

    public synchronized void symlinkFrom(String target) {
        symlinkFrom = target;
    }

    public synchronized Set<String> mlstFacts() {
        return Set.copyOf(mlstFacts);
    }

    public synchronized void mlstFacts(Set<String> facts) {
        mlstFacts = new LinkedHashSet<>(facts);
    }

    /** Releases what the session still holds (a passive listener). */
    public synchronized void close() {
        closed = true;
        dataSetup(null);
    }
}
