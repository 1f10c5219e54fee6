package org.gantry.security.internal.gridmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GridMapLineTest {

    @Test
    void quotedDnWithOneAccount() {
        assertEquals(new GridMapLine("/DC=test/DC=gridftp/CN=Test User", List.of("gftp")),
                GridMapLine.parse("\"/DC=test/DC=gridftp/CN=Test User\" gftp"));
    }

    @Test
    void escapedCharactersAndSeveralAccounts() {
        assertEquals(new GridMapLine("/O=Ex/CN=Joe \"Jo\" Blog\\gs", List.of("joe", "shared", "ops")),
                GridMapLine.parse("  \"/O=Ex/CN=Joe \\\"Jo\\\" Blog\\\\gs\"   joe, shared ,ops  "));
    }

    @Test
    void bareDn() {
        assertEquals(new GridMapLine("/O=NoSpaces/CN=x", List.of("xuser")), GridMapLine.parse("/O=NoSpaces/CN=x xuser"));
    }

    @Test
    void commentsAndBlankLinesAreIgnorable() {
        assertTrue(GridMapLine.isIgnorable("   # \"/CN=x\" y"));
        assertTrue(GridMapLine.isIgnorable("   "));
        assertFalse(GridMapLine.isIgnorable("\"/CN=x\" y"));
    }

    @Test
    void badLinesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMapLine.parse("\"/CN=x y"))
                .getMessage().contains("closing quote"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMapLine.parse("\"/CN=x\""))
                .getMessage().contains("no account"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridMapLine.parse("\"/CN=x\" a b"))
                .getMessage().contains("white space"));
        assertThrows(IllegalArgumentException.class, () -> GridMapLine.parse("\"\" a"));
    }
}
