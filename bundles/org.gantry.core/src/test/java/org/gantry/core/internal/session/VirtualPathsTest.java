package org.gantry.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gantry.dsi.api.InvalidPathException;
import org.junit.jupiter.api.Test;

class VirtualPathsTest {

    @Test
    void resolvesRelativeAbsoluteAndHomePaths() throws Exception {
        VirtualPaths paths = new VirtualPaths("/", "/users/u");
        assertEquals("/users/u", paths.cwd());
        assertEquals("/users/u/a", paths.resolve("a"));
        assertEquals("/x/y", paths.resolve("/x//./y/"));
        assertEquals("/users/u/d", paths.resolve("~/d"));
        assertEquals("/users/u", paths.resolve(""));
        paths.changeTo("/scratch");
        assertEquals("/", paths.resolve("../../../.."));
        assertEquals("/etc/passwd", paths.resolve("../../etc/passwd"));
    }

    @Test
    void theUserRootIsPrependedAndNeverLeft() throws Exception {
        VirtualPaths jailed = new VirtualPaths("/users/j", "/");
        assertEquals("/users/j", jailed.toServer(jailed.resolve("..")));
        assertEquals("/users/j/etc/passwd", jailed.toServer(jailed.resolve("../../etc/passwd")));
        assertEquals("/users/j/a", jailed.toServer(jailed.resolve("a")));
    }

    @Test
    void nulIsInvalid() {
        assertThrows(InvalidPathException.class, () -> new VirtualPaths("/", "/").resolve("a\0b"));
    }

    @Test
    void parentsAndNames() {
        assertEquals("/", VirtualPaths.parent("/a"));
        assertEquals("/a", VirtualPaths.parent("/a/b"));
        assertEquals("/", VirtualPaths.parent("/"));
        assertEquals("b", VirtualPaths.name("/a/b"));
    }
}
