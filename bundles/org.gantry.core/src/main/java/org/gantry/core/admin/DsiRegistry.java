package org.gantry.core.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The DSI services the core knows and how the mount table maps onto them. */
@ProviderType
public interface DsiRegistry {

    /** Registered DSI instances, sorted by name. */
    List<DsiInstance> instances();

    /** The mount table in force, longest path first. */
    List<Mount> mounts();

    /**
     * The DSI instance serving {@code path} right now (after fallback), or empty if none is
     * available.
     */
    java.util.Optional<String> activeDsiFor(String path);
}
