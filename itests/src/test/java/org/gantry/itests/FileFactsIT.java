package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * MFMT, MFF, MFCT and SITE SYMLINK / SYMLINKFROM / SYMLINKTO against the POSIX DSI: what the
 * commands change is checked on the file system itself.
 */
public class FileFactsIT {

    private static final byte[] CONTENT = "facts and links\n".getBytes(StandardCharsets.UTF_8);

    @ClassRule
    public static final LaunchedServer server = new LaunchedServer("facts");

    @Test
    public void mfmtAndMffChangeTheFileOnDisk() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.storeOk("/timed.txt", CONTENT);
            FtpReply mfmt = ftp.command("MFMT 20200102030405 /timed.txt", 213);
            assertEquals("213 Modify=20200102030405; /timed.txt", mfmt.lines().get(0));
            Path file = server.root().resolve("timed.txt");
            assertEquals(Instant.parse("2020-01-02T03:04:05Z"), Files.getLastModifiedTime(file).toInstant());

            ftp.command("MFF Modify=20191231000000;UNIX.mode=640; /timed.txt", 213);
            assertEquals(Instant.parse("2019-12-31T00:00:00Z"), Files.getLastModifiedTime(file).toInstant());
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

            ftp.command("MFF Modify=20180101000000;Bogus=1; /timed.txt", 504);
            assertEquals("a refused MFF sets nothing", Instant.parse("2019-12-31T00:00:00Z"),
                    Files.getLastModifiedTime(file).toInstant());
            ftp.command("MFCT 20200102030405 /timed.txt", 502);
            ftp.command("MFMT 20200102030405 /absent.txt", 550);
            ftp.command("NOOP", 200);
        }
    }

    @Test
    public void siteSymlinkMakesRelativeLinksThatStayInsideTheRoot() throws IOException {
        try (FtpTestClient ftp = FtpTestClient.loggedIn(server.port())) {
            ftp.storeOk("/target.txt", CONTENT);
            ftp.command("MKD /links", 257);
            ftp.command("SITE SYMLINK ../target.txt /links/one", 250);
            Path one = server.root().resolve("links/one");
            assertEquals(Path.of("../target.txt"), Files.readSymbolicLink(one));
            assertArrayEquals("the link is followed on RETR", CONTENT, ftp.retrieve("/links/one"));

            ftp.command("SITE SYMLINKFROM /target.txt", 350);
            ftp.command("SITE SYMLINKTO /links/two", 250);
            assertEquals(Path.of("../target.txt"), Files.readSymbolicLink(server.root().resolve("links/two")));
            ftp.command("SITE SYMLINKTO /links/three", 503);

            // ".." stops at the user's root: the link names the root's own /etc, which does not exist.
            ftp.command("SITE SYMLINK ../../../../etc /links/escape", 250);
            Path escape = server.root().resolve("links/escape");
            assertEquals(Path.of("../etc"), Files.readSymbolicLink(escape));
            assertFalse(Files.exists(escape));
            assertEquals(550, ftp.command("SIZE /links/escape/passwd").code());

            ftp.command("SITE SYMLINK /target.txt /links/one", 553); // exists already
            assertTrue(Files.isSymbolicLink(one) && Files.exists(one, LinkOption.NOFOLLOW_LINKS));
            ftp.command("NOOP", 200);
        }
    }
}
