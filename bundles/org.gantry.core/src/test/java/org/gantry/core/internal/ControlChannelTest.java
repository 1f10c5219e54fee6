package org.gantry.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, command table rules, framing and Telnet handling, FEAT/HELP, pipelining. */
class ControlChannelTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.withMemory(new MemoryDsi("mem"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void greetsWithTheBanner() throws Exception {
        try (TestFtpClient c = server.connect()) {
            assertEquals(220, c.banner.code());
            assertEquals("220 Gantry GridFTP Server ready.", c.banner.first());
        }
    }

    @Test
    void loginSucceedsWithGctWording() throws Exception {
        try (TestFtpClient c = server.connect()) {
            assertEquals("331 Password required for alice.", c.expect(331, "USER alice").first());
            assertEquals("230 User alice logged in.", c.expect(230, "PASS secret").first());
            assertEquals("503 You are already logged in.", c.expect(503, "USER alice").first());
            c.expect(503, "PASS secret");
        }
    }

    @Test
    void gssapiWithoutTheSecurityServiceIsRefusedAndPasswordsStillWork() throws Exception {
        try (TestFtpClient c = server.connect()) {
            assertEquals("503 Send AUTH GSSAPI first.", c.expect(503, "ADAT AAAA").first());
            assertEquals("431 GSSAPI is not available: the security service is not running.",
                    c.expect(431, "AUTH GSSAPI").first());
            c.expect(503, "ADAT AAAA");
            c.login("alice", "secret");
        }
    }

    @Test
    void plainLoginsThePolicyRefusesAreStoppedBeforeThePasswordAndTlsNeedsTheService() throws Exception {
        try (TestFtpClient c = server.connect()) {
            assertEquals("530 Passwords are not accepted in clear from your address: use AUTH TLS (FTPS) or"
                    + " AUTH GSSAPI (GSI) first.", c.expect(530, "USER " + TestAuthenticator.CLEAR_REFUSED).first());
            assertEquals("503 Login with USER first.", c.expect(503, "PASS secret").first());
            assertEquals("431 TLS is not available: the security service is not running.",
                    c.expect(431, "AUTH TLS").first());
            c.login("alice", "secret");
        }
    }

    @Test
    void wrongPasswordIsRefusedAfterADelay() throws Exception {
        try (TestFtpClient c = server.connect()) {
            c.expect(331, "USER alice");
            long start = System.nanoTime();
            assertEquals("530 Login incorrect.", c.expect(530, "PASS wrong").first());
            assertTrue(System.nanoTime() - start >= 250_000_000L, "failure answered too quickly");
            c.expect(503, "PASS secret");
            c.login("alice", "secret");
        }
    }

    @Test
    void onlyLoginCommandsBeforeLogin() throws Exception {
        try (TestFtpClient c = server.connect()) {
            for (String cmd : List.of("PWD", "PASV", "RETR /x", "LIST", "MKD /d", "SITE HELP", "CKSM MD5 0 -1 /x")) {
                assertEquals("530 Please login with USER and PASS.", c.expect(530, cmd).first(), cmd);
            }
            c.expect(200, "NOOP");
            c.expect(215, "SYST");
            c.expect(211, "FEAT");
            c.expect(214, "HELP");
            assertEquals("500 Invalid command.", c.expect(500, "FROB").first());
            assertEquals(0, server.server.sessions().stream().filter(s -> s.user().isPresent()).count());
        }
    }

    @Test
    void unknownVerbIs500KnownButUnimplementedIs502() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("500 Invalid command.", c.expect(500, "FROB x").first());
            for (String verb : List.of("ACCT x", "REIN", "STOU", "CCC")) {
                assertEquals("502 Command not implemented.", c.expect(502, verb).first(), verb);
            }
            // Without GSI, data channels can only be clear and unauthenticated.
            assertEquals("200 DCAU N.", c.expect(200, "DCAU N").first());
            assertEquals("534 Data channel protection refused: DCAU A needs a GSI (AUTH GSSAPI) login.",
                    c.expect(534, "DCAU A").first());
            assertEquals("534 Data channel protection refused: DCAU S needs a GSI (AUTH GSSAPI) login.",
                    c.expect(534, "DCAU S /CN=x").first());
            assertEquals("504 DCAU S is not supported; use DCAU N, A or S <subject>.", c.expect(504, "DCAU S").first());
            assertEquals("504 DCAU X is not supported; use DCAU N, A or S <subject>.", c.expect(504, "DCAU X").first());
            assertEquals("200 PBSZ=1048576", c.expect(200, "PBSZ 1048576").first());
            assertEquals("501 Bad value for PBSZ: 4294967296", c.expect(501, "PBSZ 4294967296").first());
            assertEquals("200 Protection level set to C.", c.expect(200, "PROT C").first());
            assertEquals("536 P protection level not supported.", c.expect(536, "PROT P").first());
            assertEquals("503 You are already logged in.", c.expect(503, "AUTH GSSAPI").first());
            assertEquals("503 You are already logged in.", c.expect(503, "AUTH TLS").first());
            assertEquals("504 Unknown authentication type: KERBEROS_V4.", c.expect(504, "AUTH KERBEROS_V4").first());
            assertEquals("503 No security context: send AUTH GSSAPI and ADAT first.", c.expect(503, "ENC AAAA").first());
            // CKSM is implemented, but this test DSI declares no checksum algorithm.
            assertEquals("504 Unsupported checksum algorithm ADLER32.", c.expect(504, "CKSM adler32 0 -1 /x").first());
            assertEquals("504 Unsupported mode.", c.expect(504, "MODE B").first());
            assertEquals("200 Mode set to E.", c.expect(200, "MODE E").first());
            assertEquals("200 Mode set to S.", c.expect(200, "MODE S").first());
        }
    }

    @Test
    void scksAndOptsCksmCheckTheirArguments() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            assertEquals("200 OK.", c.expect(200, "SCKS adler32 1a").first());
            assertEquals("200 OK.", c.expect(200, "SCKS MD5 900150983CD24FB0D6963F7D28E17F72").first());
            assertEquals("504 Unsupported checksum algorithm CRC64.", c.expect(504, "SCKS CRC64 12").first());
            assertEquals("501 Invalid MD5 value: abc.", c.expect(501, "SCKS MD5 abc").first());
            assertEquals("501 Invalid ADLER32 value: 123456789.", c.expect(501, "SCKS ADLER32 123456789").first());
            assertEquals("501 Invalid SHA1 value: zz.", c.expect(501, "SCKS sha1 zz").first());
            c.expect(501, "SCKS MD5");
            c.expect(501, "SCKS");
            assertEquals("200 OPTS Command Successful.", c.expect(200, "OPTS CKSM markers=5").first());
            assertEquals("200 OPTS Command Successful.", c.expect(200, "OPTS CKSM Markers=0").first());
            c.expect(501, "OPTS CKSM markers=x");
            c.expect(501, "OPTS CKSM ADLER32");
            c.expect(200, "NOOP");
        }
    }

    @Test
    void overlongLineIsAnsweredAndTheSessionGoesOn() throws Exception {
        try (TestFtpClient c = server.connect()) {
            byte[] line = new byte[100 * 1024 + 2];
            Arrays.fill(line, (byte) 'A');
            line[line.length - 2] = '\r';
            line[line.length - 1] = '\n';
            c.writeRaw(line);
            assertEquals("500 Command line too long.", c.reply().first());
            c.expect(200, "NOOP");
        }
    }

    @Test
    void telnetInterruptBeforeAborIsStripped() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            byte[] abor = "ABOR\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[4 + abor.length];
            line[0] = (byte) 0xFF;
            line[1] = (byte) 0xF4;
            line[2] = (byte) 0xFF;
            line[3] = (byte) 0xF2;
            System.arraycopy(abor, 0, line, 4, abor.length);
            c.writeRaw(line);
            assertEquals("226 Abort successful", c.reply().first());
        }
    }

    @Test
    void invalidUtf8IsRejectedWith501() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.writeRaw(new byte[] { 'M', 'K', 'D', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n' });
            assertEquals(501, c.reply().code());
            c.expect(200, "NOOP");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.write("NOOP\r\nSYST\r\nPWD\r\nTYPE I\r\nFROB\r\nNOOP");
            assertEquals(200, c.reply().code());
            assertEquals(215, c.reply().code());
            assertEquals("257 \"/\" is current directory.", c.reply().first());
            assertEquals("200 Type set to I.", c.reply().first());
            assertEquals(500, c.reply().code());
            assertEquals(200, c.reply().code());
        }
    }

    @Test
    void featListsExactlyWhatIsImplemented() throws Exception {
        try (TestFtpClient c = server.connect()) {
            TestFtpClient.FtpReply feat = c.expect(211, "FEAT");
            assertEquals("211-Extensions supported", feat.first());
            assertEquals("211 End.", feat.lines().get(feat.lines().size() - 1));
            List<String> lines = feat.lines();
            for (String f : List.of(" MLST Type*;Size*;Modify*;Perm*;UNIX.mode*;UNIX.owner*;UNIX.uid*;UNIX.group*;"
                    + "UNIX.gid*;Unique*;X.locality*;", " SIZE", " MDTM", " REST STREAM", " UTF8", " PARALLEL", " ERET", " ESTO",
                    " SPAS", " SPOR", " SBUF", " MLSC", " MLSR", " PASV AllowDelayed;")) {
                assertTrue(lines.contains(f), () -> f + " missing in " + lines);
            }
            // No CKSM line: this test DSI declares no checksum algorithm.
            // GETPUT is off unless configured (globus-url-copy mishandles it in pipelined copies).
            for (String absent : List.of("DCAU", "CKSM", "GETPUT")) {
                assertTrue(lines.stream().noneMatch(l -> l.contains(absent)), absent);
            }
        }
    }

    @Test
    void helpIsGeneratedFromTheCommandTable() throws Exception {
        try (TestFtpClient c = server.connect()) {
            TestFtpClient.FtpReply help = c.expect(214, "HELP");
            assertEquals("214-The following commands are recognized:", help.first());
            String all = String.join("\n", help.lines());
            assertTrue(all.contains("    RETR") && all.contains("    MLSD") && all.contains("    SITE"), all);
            assertTrue(all.contains("    ERET") && all.contains("    SPOR") && all.contains("    TREV"), all);
            assertTrue(all.contains("    CKSM"), all);
            assertTrue(all.contains("    SCKS"), all);
            assertEquals("214 Syntax: RETR <sp> file-name", c.expect(214, "HELP retr").first());
        }
    }

    @Test
    void siteHelpListsBuiltInAndDsiCommands() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            String all = c.expect(214, "SITE HELP").toString();
            assertTrue(all.contains("CHMOD"), all);
            assertTrue(all.contains("UTIME"), all);
            assertTrue(all.contains("CLIENTINFO"), all);
            assertTrue(all.contains("STAGE <sp> path"), all);
            assertEquals("250 OK.", c.expect(250, "SITE CLIENTINFO scheme=ftp;appname=\"globus-url-copy\";").first());
            assertEquals("250 Staged /f on mem", c.expect(250, "SITE STAGE f").first());
            assertEquals("200 Site Command Successful.", c.expect(200, "SITE RETRBUFSIZE 1048576").first());
            c.expect(200, "SITE STORBUFSIZE 4096");
            c.expect(502, "SITE RETRBUFSIZE lots");
            assertTrue(all.contains("TASKID"), all);
            c.expect(250, "SITE TASKID fts-1234");
            c.expect(500, "SITE FROB");
        }
    }

    @Test
    void optsUtf8AndMlstFacts() throws Exception {
        try (TestFtpClient c = server.login("alice")) {
            c.expect(200, "OPTS UTF8 ON");
            assertEquals("200 MLST Type;Size;", c.expect(200, "OPTS MLST size;type;bogus;").first());
            assertTrue(c.expect(211, "FEAT").lines().contains(
                    " MLST Type*;Size*;Modify;Perm;UNIX.mode;UNIX.owner;UNIX.uid;UNIX.group;UNIX.gid;Unique;X.locality;"));
            assertEquals("200 MLST Type;X.locality;", c.expect(200, "OPTS MLST x.LOCALITY;type;").first());
            assertEquals("200 OPTS Command Successful.", c.expect(200, "OPTS RETR Parallelism=4,4,4;").first());
            c.expect(501, "OPTS RETR Parallelism=zero;");
            c.expect(501, "OPTS RETR Parallelism=0,0,0;");
        }
    }

    @Test
    void quitSaysGoodbyeAndCloses() throws Exception {
        try (TestFtpClient c = server.connect()) {
            assertEquals("221 Goodbye.", c.expect(221, "QUIT").first());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void idleSessionsAreClosed() throws Exception {
        try (TestServer s = new TestServer(new TestConfig().set("idleTimeoutSeconds", 1), new MemoryDsi("mem"));
                TestFtpClient c = s.login("alice")) {
            assertEquals("421 Idle Timeout: closing control connection.", c.reply().first());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void sessionLimitIsEnforced() throws Exception {
        try (TestServer s = new TestServer(new TestConfig().set("maxSessions", 1), new MemoryDsi("mem"));
                TestFtpClient first = s.connect()) {
            java.net.Socket second = new java.net.Socket("127.0.0.1", s.address().getPort());
            second.setSoTimeout(TestFtpClient.TIMEOUT_MILLIS);
            String reply = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("421 Too many sessions.\r\n", reply);
            second.close();
            first.expect(200, "NOOP");
        }
    }

    @Test
    void commandLogRecordsBothDirectionsWithPasswordMasked(@TempDir Path dir) throws Exception {
        try (TestServer s = new TestServer(new TestConfig().set("commandLog", true)
                .set("commandLogDirectory", dir.toString()), new MemoryDsi("mem"))) {
            long id;
            try (TestFtpClient c = s.login("alice")) {
                id = s.server.sessions().get(0).id();
                c.expect(221, "QUIT");
                c.closedByServer();
            }
            Path log = dir.resolve("session-" + id + ".log");
            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" C PASS ****")), lines::toString);
            assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.endsWith(" S 230 User alice logged in.")), lines::toString);
            assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ S 220 .*"), lines.get(0));
        }
    }
}
