package org.gantry.shell.internal.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.gantry.core.admin.DsiInstance;
import org.gantry.shell.internal.FakeDsiRegistry;
import org.junit.jupiter.api.Test;

class DsiListTest {

    /** The listing as printed, with one DSI that counts its reads and one that does not. */
    private static String listing() {
        DsiList list = new DsiList();
        list.registry = new FakeDsiRegistry(
                new DsiInstance("memory", "memory", "org.gantry.dsi.memory", 42, List.of(), 0),
                new DsiInstance("posix", "posix", "org.gantry.dsi.posix", 41, List.of("/"), 2,
                        Map.of("bytesRead", 1_073_741_824L)));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            list.execute();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bytesReadAreShownPerDsiAndADashWhereADsiCountsNone() {
        String text = listing();
        assertTrue(text.lines().findFirst().orElse("").contains("BYTES-READ"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("* posix") && l.matches(".*\\|\\s+1073741824\\s*")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  memory") && l.matches(".*\\|\\s+-\\s*")), text);
    }
}
