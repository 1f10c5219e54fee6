package org.gantry.core.internal.storage;

import java.util.List;

import org.gantry.core.admin.Mount;
import org.gantry.dsi.api.StorageUnavailableException;

/** The core's internal view of the DSI registry: path resolution, mounts and DSI life cycle. */
public interface MountResolver {

    /**
     * Resolves a normalised absolute server path against the mount table in force now.
     *
     * @throws StorageUnavailableException (message: the DSI name) if neither the mounted DSI nor
     *                                     its fallback is registered
     */
    ResolvedPath resolve(String serverPath) throws StorageUnavailableException;

    /** Replaces the mount table; new operations use it at once. */
    void setMounts(List<Mount> mounts);

    /** The DSIs serving at least one mount right now (after fallback), in mount order. */
    List<DsiEntry> servingEntries();

    /** Transfers in flight, per DSI. */
    TransferRegistry transfers();

    void addListener(DsiListener listener);

    void removeListener(DsiListener listener);
}
