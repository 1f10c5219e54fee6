package org.gantry.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.security.api.UserAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileAuthenticatorTest {

    private static String alicePw;
    private static String bobPw;

    @TempDir
    Path dir;
    private Path file;
    private final PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator();

    @BeforeAll
    static void hashOnce() {
        PasswordHasher hasher = new PasswordHasher();
        alicePw = hasher.hash("alice-secret".toCharArray());
        bobPw = hasher.hash("bob-secret".toCharArray());
    }

    @BeforeEach
    void writeFile() throws IOException {
        file = dir.resolve("users");
        Files.write(file, List.of(
                "# test users",
                "alice:" + alicePw + ":/users/alice:",
                "",
                "bob:" + bobPw + ":/:readonly",
                "mallory:mallory-secret:/:",
                "ftp:" + alicePw + ":/:"), StandardCharsets.UTF_8);
    }

    private void configure(Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("passwordFile", file.toString());
        props.put("failureDelayMillis", 0L);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        authenticator.configure(TestConfigs.config(props));
    }

    private Optional<UserAccount> login(String user, String password) {
        return authenticator.authenticate(user, password.toCharArray());
    }

    @Test
    void rightPasswordLogsInWithRootFromTheFile() {
        configure();
        assertEquals(Optional.of(new UserAccount("alice", "/users/alice", "/", false, false)),
                login("alice", "alice-secret"));
    }

    @Test
    void wrongPasswordOrUnknownUserFails() {
        configure();
        assertTrue(login("alice", "bob-secret").isEmpty());
        assertTrue(login("alice", "").isEmpty());
        assertTrue(login("nobody", "alice-secret").isEmpty());
        assertTrue(authenticator.authenticate(null, null).isEmpty());
    }

    @Test
    void readonlyFlagGivesReadOnlyAccount() {
        configure();
        UserAccount bob = login("bob", "bob-secret").orElseThrow();
        assertTrue(bob.readOnly());
        assertEquals("/", bob.root());
        assertFalse(bob.anonymous());
    }

    @Test
    void plainTextLineIsRejectedButOtherLinesStillWork() {
        configure();
        assertTrue(login("mallory", "mallory-secret").isEmpty());
        assertTrue(login("alice", "alice-secret").isPresent());
    }

    @Test
    void anonymousIsOffByDefault() {
        configure();
        assertFalse(authenticator.anonymousEnabled());
        assertTrue(login("anonymous", "me@example.org").isEmpty());
        // A reserved name never logs in from the file either, even with the right password.
        assertTrue(login("ftp", "alice-secret").isEmpty());
    }

    @Test
    void defaultsMatchTheDocumentedConfiguration() {
        SecurityConfig defaults = TestConfigs.config(Map.of());
        assertEquals("${karaf.etc}/gantry-users.properties", defaults.passwordFile());
        assertFalse(defaults.anonymous());
        assertTrue(defaults.anonymousReadOnly());
        assertEquals("/", defaults.anonymousRoot());
        assertEquals(List.of("anonymous", "ftp"), List.of(defaults.anonymousNames()));
        assertEquals(500L, defaults.failureDelayMillis());
    }

    @Test
    void anonymousOnIsReadOnlyByDefaultAndIgnoresCaseAndPassword() {
        configure("anonymous", true);
        assertTrue(authenticator.anonymousEnabled());
        UserAccount expected = new UserAccount("anonymous", "/", "/", true, true);
        assertEquals(Optional.of(expected), login("FTP", "whatever"));
        assertEquals(Optional.of(expected), login("Anonymous", ""));
    }

    @Test
    void anonymousRootAndWritabilityAreConfigurable() {
        configure("anonymous", true, "anonymousReadOnly", false, "anonymousRoot", "/pub",
                "anonymousNames", new String[] { "guest" });
        assertEquals(Optional.of(new UserAccount("anonymous", "/pub", "/", false, true)), login("GUEST", "x"));
        assertTrue(login("ftp", "x").isEmpty(), "only the configured names are anonymous");
    }

    @Test
    void relativeAnonymousRootKeepsAnonymousOff() {
        configure("anonymous", true, "anonymousRoot", "pub");
        assertFalse(authenticator.anonymousEnabled());
        assertTrue(login("anonymous", "x").isEmpty());
    }

    @Test
    void modifiedConfigurationTakesEffect() {
        configure();
        assertTrue(login("ftp", "x").isEmpty());
        configure("anonymous", true);
        assertTrue(login("ftp", "x").isPresent());
    }

    @Test
    void fileIsReloadedAfterChange() throws IOException {
        configure();
        assertTrue(login("carol", "carol-secret").isEmpty());
        FileTime before = Files.getLastModifiedTime(file);

        String carol = "carol:" + new PasswordHasher().hash("carol-secret".toCharArray()) + ":/c:readonly";
        Files.write(file, List.of("alice:" + alicePw + ":/users/alice:", carol), StandardCharsets.UTF_8);
        // Make the change visible even on file systems with coarse timestamps.
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));

        assertEquals(Optional.of(new UserAccount("carol", "/c", "/", true, false)), login("carol", "carol-secret"));
        assertTrue(login("bob", "bob-secret").isEmpty(), "bob's line is gone");
    }

    @Test
    void missingFileStillActivatesAndOnlyAnonymousCanLogIn() {
        file = dir.resolve("does-not-exist");
        configure("anonymous", true);
        assertTrue(login("alice", "alice-secret").isEmpty());
        assertTrue(login("anonymous", "x").isPresent());
    }

    @Test
    void failedLoginIsDelayed() {
        configure("failureDelayMillis", 300L);
        long start = System.nanoTime();
        assertTrue(login("alice", "wrong").isEmpty());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "a failed login takes at least the delay");
    }

    @Test
    void systemPropertiesInThePathAreExpanded() {
        String key = "gantry.test." + System.nanoTime();
        System.setProperty(key, "/etc-dir");
        try {
            assertEquals("/etc-dir/users", PasswordFileAuthenticator.expandSystemProperties("${" + key + "}/users"));
            assertEquals("${undefined.gantry.key}/u",
                    PasswordFileAuthenticator.expandSystemProperties("${undefined.gantry.key}/u"));
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void unknownUserHashIsWellFormed() {
        PasswordHasher.validate(PasswordFileAuthenticator.NO_SUCH_USER_HASH);
    }

    @Test
    void plainPasswordsAreAllowedOnlyFromLoopbackByDefault() throws Exception {
        configure();
        assertTrue(authenticator.allowsPlainPassword("alice", InetAddress.getByName("127.0.0.1")));
        assertTrue(authenticator.allowsPlainPassword("alice", InetAddress.getByName("::1")));
        assertFalse(authenticator.allowsPlainPassword("alice", InetAddress.getByName("192.0.2.7")));
        assertTrue(authenticator.allowsPlainPassword("anonymous", InetAddress.getByName("192.0.2.7")),
                "an anonymous password is no secret");
    }

    @Test
    void plainPasswordPolicyIsConfigurableAndAnUnknownValueRefuses() throws Exception {
        InetAddress remote = InetAddress.getByName("192.0.2.7");
        InetAddress local = InetAddress.getByName("127.0.0.1");
        configure("plainPasswordLogins", "always");
        assertTrue(authenticator.allowsPlainPassword("alice", remote));
        configure("plainPasswordLogins", "NEVER");
        assertFalse(authenticator.allowsPlainPassword("alice", local));
        configure("plainPasswordLogins", "sometimes");
        assertFalse(authenticator.allowsPlainPassword("alice", local));
        assertFalse(authenticator.allowsPlainPassword("alice", remote));
    }
}
