package org.gantry.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordEntryTest {

    private static String hash;

    @BeforeAll
    static void hashOnce() {
        hash = new PasswordHasher().hash("pw".toCharArray());
    }

    @Test
    void parsesNameHashRootAndNoFlags() {
        PasswordEntry e = PasswordEntry.parse("alice:" + hash + ":/data/alice:");
        assertEquals("alice", e.name());
        assertEquals(hash, e.hash());
        assertEquals("/data/alice", e.root());
        assertFalse(e.readOnly());
    }

    @Test
    void readonlyFlagIsRecognised() {
        assertTrue(PasswordEntry.parse("bob:" + hash + ":/:readonly").readOnly());
        assertTrue(PasswordEntry.parse("bob:" + hash + ":/: ReadOnly ,").readOnly());
    }

    @Test
    void unknownFlagRejectsTheLine() {
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("bob:" + hash + ":/:read-only"));
    }

    @Test
    void rootMayContainColonsAndLosesTrailingSlash() {
        assertEquals("/a:b/c", PasswordEntry.parse("carol:" + hash + ":/a:b/c/:readonly").root());
        assertEquals("/", PasswordEntry.parse("carol:" + hash + ":/:").root());
    }

    @Test
    void relativeOrEscapingRootIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("d:" + hash + ":data:"));
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("d:" + hash + ":/data/../etc:"));
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("d:" + hash + "::"));
    }

    @Test
    void plainTextPasswordIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("eve:secret:/:"));
    }

    @Test
    void missingFieldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("eve:" + hash + ":/"));
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse("eve"));
        assertThrows(IllegalArgumentException.class, () -> PasswordEntry.parse(":" + hash + ":/:"));
    }

    @Test
    void badNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordEntry("a b", hash, "/", false));
        assertThrows(IllegalArgumentException.class, () -> new PasswordEntry("#x", hash, "/", false));
        assertThrows(IllegalArgumentException.class, () -> new PasswordEntry("", hash, "/", false));
    }

    @Test
    void formatParsesBackToTheSameEntry() {
        PasswordEntry e = new PasswordEntry("frank", hash, "/x/y/", true);
        assertEquals("frank:" + hash + ":/x/y:readonly", e.format());
        assertEquals(e, PasswordEntry.parse(e.format()));
    }

    @Test
    void commentsAndBlankLinesHaveNoName() {
        assertTrue(PasswordEntry.isIgnorable("  # alice:x:/:"));
        assertTrue(PasswordEntry.isIgnorable("   "));
        assertNull(PasswordEntry.nameOf("# alice"));
        assertEquals("alice", PasswordEntry.nameOf(" alice :whatever"));
    }
}
