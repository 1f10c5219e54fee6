package org.gantry.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.gantry.core.admin.Mount;
import org.junit.jupiter.api.Test;

class MountTableEditorTest {

    private final FakeConfigAdmin cm = new FakeConfigAdmin();
    private final MountTableEditor editor = new MountTableEditor(cm.service());

    private void configure(Object mounts) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", "org.gantry.server");
        props.put("listenAddress", "127.0.0.1");
        props.put("port", 2812);
        if (mounts != null) {
            props.put("mounts", mounts);
        }
        cm.properties = props;
    }

    private String[] writtenMounts() {
        return (String[]) cm.properties.get("mounts");
    }

    @Test
    void withoutConfigurationTheTableIsTheServerDefault() throws IOException {
        assertEquals(List.of("/=posix"), editor.entries());
        assertEquals(List.of("/"), editor.paths());
        assertEquals("org.gantry.server", cm.requestedPid);
        assertNull(cm.requestedLocation, "unbound configuration, as the core expects");
        assertEquals(0, cm.updates, "reading writes nothing");
    }

    @Test
    void addingToMissingConfigurationStartsFromTheDefault() throws IOException {
        assertEquals(Optional.empty(), editor.put(Mount.parse("/scratch=memory")));
        assertEquals(1, cm.updates);
        assertArrayEquals(new String[] { "/=posix", "/scratch=memory" }, writtenMounts());
    }

    @Test
    void replacingKeepsOrderOtherEntriesAndOtherProperties() throws IOException {
        configure(new String[] { "/=posix", "/a=memory", "/b=posix" });
        assertEquals(Optional.of("/a=memory"), editor.put(Mount.parse("/a=tape|memory")));
        assertArrayEquals(new String[] { "/=posix", "/a=tape|memory", "/b=posix" }, writtenMounts());
        assertEquals("127.0.0.1", cm.properties.get("listenAddress"));
        assertEquals(2812, cm.properties.get("port"));
    }

    @Test
    void rootEntryIsReplacedNotDuplicated() throws IOException {
        configure(new String[] { "/data=memory", "/=posix" });
        assertEquals(Optional.of("/=posix"), editor.put(new Mount("/", "memory", Optional.of("posix"))));
        assertArrayEquals(new String[] { "/data=memory", "/=memory|posix" }, writtenMounts());
    }

    @Test
    void pathsMatchAfterNormalisation() throws IOException {
        configure(new String[] { "/=posix", " /data/ = memory " });
        assertEquals(Optional.of("/data/ = memory"), editor.put(Mount.parse("/data=posix")));
        assertArrayEquals(new String[] { "/=posix", "/data=posix" }, writtenMounts());
        assertEquals(Optional.of("/data=posix"), editor.remove("/data/"));
        assertArrayEquals(new String[] { "/=posix" }, writtenMounts());
    }

    @Test
    void removeDeletesOnlyThatEntry() throws IOException {
        configure(new String[] { "/=posix", "/a=memory", "/b=posix" });
        assertEquals(Optional.of("/a=memory"), editor.remove("/a"));
        assertArrayEquals(new String[] { "/=posix", "/b=posix" }, writtenMounts());
        assertEquals(1, cm.updates);
    }

    @Test
    void removingUnknownPathWritesNothing() throws IOException {
        configure(new String[] { "/=posix" });
        assertEquals(Optional.empty(), editor.remove("/nope"));
        assertEquals(0, cm.updates);
    }

    @Test
    void rootAndBadPathsCannotBeRemoved() {
        configure(new String[] { "/=posix", "/a=memory" });
        assertThrows(IllegalArgumentException.class, () -> editor.remove("/"));
        assertThrows(IllegalArgumentException.class, () -> editor.remove("a"));
        assertThrows(IllegalArgumentException.class, () -> editor.remove("/a=memory"));
        assertEquals(0, cm.updates);
    }

    @Test
    void malformedEntriesAreKeptForTheOperator() throws IOException {
        configure(new String[] { "/=posix", "garbage", "/a=memory" });
        editor.put(Mount.parse("/b=posix"));
        assertArrayEquals(new String[] { "/=posix", "garbage", "/a=memory", "/b=posix" }, writtenMounts());
        assertEquals(List.of("/", "/a", "/b"), editor.paths());
    }

    @Test
    void singleStringAndCollectionValuesAreReadAndWrittenBackAsArray() throws IOException {
        configure("/=memory|posix");
        assertEquals(List.of("/=memory|posix"), editor.entries());
        configure(List.of("/=posix", "/x=memory"));
        assertEquals(List.of("/=posix", "/x=memory"), editor.entries());
        editor.remove("/x");
        assertArrayEquals(new String[] { "/=posix" }, writtenMounts());
    }

    @Test
    void configurationWithoutMountsPropertyUsesTheDefault() throws IOException {
        configure(null);
        editor.put(Mount.parse("/m=memory"));
        assertArrayEquals(new String[] { "/=posix", "/m=memory" }, writtenMounts());
        assertEquals("127.0.0.1", cm.properties.get("listenAddress"));
    }

    @Test
    void dsiNamesThatWouldBreakAnEntryAreRefused() {
        assertEquals("memory-2", MountTableEditor.checkDsiName("memory-2"));
        for (String bad : new String[] { "", "a b", "a|b", "a=b", "a,b" }) {
            assertThrows(IllegalArgumentException.class, () -> MountTableEditor.checkDsiName(bad), bad);
        }
    }
}
