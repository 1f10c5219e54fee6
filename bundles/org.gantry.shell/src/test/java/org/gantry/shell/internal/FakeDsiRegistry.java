package org.gantry.shell.internal;

import java.util.List;
import java.util.Optional;

import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.Mount;

/** A registry with fixed instances, the mount table {@code /=posix}, and posix serving {@code /}. */
public final class FakeDsiRegistry implements DsiRegistry {

    private final List<DsiInstance> instances;

    public FakeDsiRegistry(DsiInstance... instances) {
        this.instances = List.of(instances);
    }

    @Override
    public List<DsiInstance> instances() {
        return instances;
    }

    @Override
    public List<Mount> mounts() {
        return List.of(Mount.parse("/=posix"));
    }

    @Override
    public Optional<String> activeDsiFor(String path) {
        return Optional.of("posix");
    }
}
