package org.gantry.core.internal.session;

import java.util.LinkedHashSet;
import java.util.Set;

import org.gantry.core.internal.data.DataChannelSetup;
import org.gantry.core.internal.data.StreamMode;
import org.gantry.core.internal.data.TransferMode;
import org.gantry.core.internal.format.MlstFacts;

/**
 * The settings earlier commands made for the next transfers: TYPE, MODE, REST, ALLO, the data
 * channel (PASV/PORT), a pending RNFR and the MLST facts. Synchronised because a disconnect may
 * close the data channel while a command runs.
 */
public final class TransferParameters {

    private char type = 'A';
    private TransferMode mode = StreamMode.INSTANCE;
    private long restartOffset;
    private long allocation = -1;
    private DataChannelSetup dataSetup;
    private boolean epsvAll;
    private Target renameFrom;
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

    public synchronized void mode(TransferMode m) {
        mode = m;
    }

    public synchronized void restartOffset(long offset) {
        restartOffset = offset;
    }

    /** The REST offset for this transfer (0 if none); it applies once. */
    public synchronized long takeRestartOffset() {
        long r = restartOffset;
        restartOffset = 0;
        return r;
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

    /** Installs a new data channel setup, closing the previous one. */
    public synchronized void dataSetup(DataChannelSetup setup) {
        if (dataSetup != null) {
            dataSetup.close();
        }
        dataSetup = setup;
    }

    /** The data channel setup for this transfer, or null; a setup serves one transfer. */
    public synchronized DataChannelSetup takeDataSetup() {
        DataChannelSetup s = dataSetup;
        dataSetup = null;
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

    public synchronized Set<String> mlstFacts() {
        return Set.copyOf(mlstFacts);
    }

    public synchronized void mlstFacts(Set<String> facts) {
        mlstFacts = new LinkedHashSet<>(facts);
    }

    /** Releases what the session still holds (a passive listener). */
    public synchronized void close() {
        dataSetup(null);
    }
}
