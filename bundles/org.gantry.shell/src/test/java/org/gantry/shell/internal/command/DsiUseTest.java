package org.gantry.shell.internal.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gantry.core.admin.DsiInstance;
import org.gantry.shell.internal.FakeConfigAdmin;
import org.gantry.shell.internal.FakeDsiRegistry;
import org.junit.jupiter.api.Test;

class DsiUseTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();

    private DsiUse command(String name, boolean force) {
        DsiUse use = new DsiUse();
        use.dsiName = name;
        use.force = force;
        use.configAdmin = cm.service();
        use.registry = new FakeDsiRegistry(
                new DsiInstance("memory", "memory", "org.gantry.dsi.memory", 42, List.of(), 0),
                new DsiInstance("posix", "posix", "org.gantry.dsi.posix", 41, List.of("/"), 0));
        return use;
    }

    @Test
    void knownDsiServesRootWithPosixFallback() throws Exception {
        command("memory", false).execute();
        assertArrayEquals(new String[] { "/=memory|posix" }, (String[]) cm.properties.get("mounts"));
    }

    @Test
    void posixNeedsNoFallbackToItself() throws Exception {
        command("memory", false).execute();
        command("posix", false).execute();
        assertArrayEquals(new String[] { "/=posix" }, (String[]) cm.properties.get("mounts"));
        assertEquals(2, cm.updates);
    }

    @Test
    void unknownDsiIsRefusedWithoutForce() {
        assertThrows(IllegalArgumentException.class, () -> command("tape", false).execute());
        assertNull(cm.properties, "nothing written");
    }

    @Test
    void unknownDsiIsSetWithForce() throws Exception {
        command("tape", true).execute();
        assertArrayEquals(new String[] { "/=tape|posix" }, (String[]) cm.properties.get("mounts"));
    }
}
