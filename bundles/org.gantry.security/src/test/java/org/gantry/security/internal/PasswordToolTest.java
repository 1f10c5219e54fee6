package org.gantry.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.security.api.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordToolTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return PasswordTool.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private PasswordFileAuthenticator authenticatorFor(Path file) {
        PasswordFileAuthenticator a = new PasswordFileAuthenticator();
        a.configure(TestConfigs.config(Map.of("passwordFile", file.toString(), "failureDelayMillis", 0L)));
        return a;
    }

    @Test
    void addCreatesOwnerOnlyFileThatTheAuthenticatorAccepts() throws IOException {
        Path file = dir.resolve("etc/gantry-users");
        assertEquals(0, run("s3cret pass\n", "add", file.toString(), "gantry", "/"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(new UserAccount("gantry", "/", "/", false, false)),
                authenticatorFor(file).authenticate("gantry", "s3cret pass".toCharArray()));
        assertTrue(authenticatorFor(file).authenticate("gantry", "s3cret".toCharArray()).isEmpty());
        assertFalse(Files.readString(file).contains("s3cret"), "no plain text in the file");
    }

    @Test
    void addReplacesTheUserAndKeepsOtherLines() throws IOException {
        Path file = dir.resolve("users");
        assertEquals(0, run("first\n", "add", file.toString(), "alice", "/a"));
        assertEquals(0, run("other\n", "add", file.toString(), "bob", "/b", "readonly"));
        Files.writeString(file, "# my note\n" + Files.readString(file));
        assertEquals(0, run("second\r\n", "add", file.toString(), "alice", "/a2"));

        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("# my note"));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("alice:")).count());
        PasswordFileAuthenticator a = authenticatorFor(file);
        assertTrue(a.authenticate("alice", "first".toCharArray()).isEmpty());
        assertEquals("/a2", a.authenticate("alice", "second".toCharArray()).orElseThrow().root());
        assertTrue(a.authenticate("bob", "other".toCharArray()).orElseThrow().readOnly());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("replaced user alice"));
    }

    @Test
    void hashPrintsAVerifiableHash() {
        assertEquals(0, run("pw\n", "hash"));
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(new PasswordHasher().verify("pw".toCharArray(), printed));
    }

    @Test
    void badUsageAndBadInputFailWithoutWritingAnything() {
        Path file = dir.resolve("users");
        assertEquals(2, run("pw\n", "add", file.toString(), "alice"));
        assertEquals(2, run("pw\n", "add", file.toString(), "alice", "/", "rw"));
        assertEquals(2, run("pw\n"));
        assertEquals(1, run("\n", "add", file.toString(), "alice", "/"));
        assertEquals(1, run("pw\n", "add", file.toString(), "alice", "relative"));
        assertEquals(1, run("pw\n", "add", file.toString(), "a:b", "/"));
        assertFalse(Files.exists(file));
    }
}
