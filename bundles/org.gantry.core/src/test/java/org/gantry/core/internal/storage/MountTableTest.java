package org.gantry.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.gantry.core.admin.Mount;
import org.junit.jupiter.api.Test;

class MountTableTest {

    @Test
    void longestPrefixWinsOnPathBoundaries() {
        MountTable table = MountTable.parse("/=a", "/data=b", "/data/tape/=c|b");
        assertEquals("c", table.mountFor("/data/tape/x").dsiName());
        assertEquals(Optional.of("b"), table.mountFor("/data/tape").fallback());
        assertEquals("b", table.mountFor("/data/tapes").dsiName());
        assertEquals("b", table.mountFor("/data").dsiName());
        assertEquals("a", table.mountFor("/database").dsiName());
        assertEquals("a", table.mountFor("/").dsiName());
    }

    @Test
    void theMountPrefixIsStripped() {
        Mount data = Mount.parse("/data=b");
        assertEquals("/", MountTable.dsiPath(data, "/data"));
        assertEquals("/x/y", MountTable.dsiPath(data, "/data/x/y"));
        assertEquals("/data/x", MountTable.dsiPath(Mount.parse("/=a"), "/data/x"));
    }

    @Test
    void rootIsAlwaysMounted() {
        MountTable table = MountTable.parse("/data=b");
        assertEquals("posix", table.mountFor("/other").dsiName());
        assertEquals(2, table.mounts().size());
        assertEquals("/data", table.mounts().get(0).path());
    }
}
