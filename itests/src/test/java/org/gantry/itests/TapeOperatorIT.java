package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Adler32;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The operator's {@code gridftp:tape-*} commands print what the library is doing: drives with
 * their states, cartridges with family and fill after flushes, the queue with growing ages while
 * a recall waits for a drive, counters of mounts and bytes flushed and recalled, a file's facts;
 * and bad input fails with a message that says what is wrong. A fresh instance, so that the
 * counters and fills are exact.
 */
public class TapeOperatorIT {

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("tape-operator");

    private static final Pattern RECALL_AGE = Pattern.compile("(?m)^RECALL\\s*\\|\\s*/waiting\\.bin\\s*\\|.*\\|\\s*(\\S+)\\s*$");

    private static TapeDsiInstance tape;

    @BeforeClass
    public static void mountTheTapeDsi() throws IOException {
        tape = TapeDsiInstance.mount(gantry, "tape", "/tape", "families = /cms=cms");
    }

    @Test
    public void theCommandsShowDrivesCartridgesQueueMetricsAndFileFacts() throws IOException {
        String drives = tape.tape("drives", "");
        assertTrue(drives, drives.contains("DRIVE") && drives.contains("STATE") && drives.contains("CARTRIDGE"));
        assertTrue(drives, Pattern.compile("(?m)^\\s*0\\s*\\|\\s*(IDLE|MOUNTING|SEEKING|WRITING|UNMOUNTING)\\b").matcher(drives).find());
        assertTrue(drives, Pattern.compile("(?m)^\\s*1\\s*\\|\\s*[A-Z]+\\b").matcher(drives).find());

        byte[] first = TestData.bytes(61, 100_000);
        byte[] second = TestData.bytes(62, 50_000);
        byte[] cms = TestData.bytes(63, 70_000);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            ftp.command("MKD /tape/cms", 257);
        }
        tape.storeOnTape("first.bin", first);
        tape.storeOnTape("second.bin", second);
        tape.storeOnTape("cms/run.root", cms);
        tape.storeOnTape("waiting.bin", TestData.bytes(64, 30_000));

        String cartridges = tape.tape("cartridges", "");
        assertTrue(cartridges, Pattern.compile("(?m)^\\s*T\\d{5}\\s*\\|\\s*default\\s*\\|\\s*180000\\s*\\|\\s*268435456\\b")
                .matcher(cartridges).find());
        assertTrue(cartridges, Pattern.compile("(?m)^\\s*T\\d{5}\\s*\\|\\s*cms\\s*\\|\\s*70000\\s*\\|").matcher(cartridges).find());
        assertEquals(4, tape.metric("filesFlushed"));
        assertEquals(250_000, tape.metric("bytesFlushed"));

        String facts = tape.tape("file", "/cms/run.root");
        Adler32 adler32 = new Adler32();
        adler32.update(cms);
        assertTrue(facts, facts.startsWith("/cms/run.root ONLINE_AND_NEARLINE"));
        assertTrue(facts, facts.contains("size:     70000") && facts.contains("on disk:  yes")
                && facts.contains("family:   cms") && facts.contains("recall:   -")
                && facts.contains("ADLER32: " + String.format("%08x", adler32.getValue())));
        assertTrue(facts, Pattern.compile("on tape:\\s+T\\d{5}:0:70000").matcher(facts).find());

        // A recall held in the queue: both drives down.
        tape.evict("first.bin");
        tape.evict("waiting.bin");
        long mountsBefore = tape.metric("mounts");
        tape.tape("fail", "drive-down 0");
        tape.tape("fail", "drive-down 1");
        String staged = tape.tape("stage", "--as alice /waiting.bin");
        assertTrue(staged, staged.contains("recall:   queued"));
        Duration firstAge = recallAge();
        Await.until("the queued recall's age to grow", Duration.ofSeconds(20),
                () -> quietRecallAge().compareTo(firstAge) > 0, () -> quietly(() -> tape.tape("queue", "")));
        String queue = tape.tape("queue", "");
        assertTrue(queue, Pattern.compile("(?m)^RECALL\\s*\\|\\s*/waiting\\.bin\\s*\\|\\s*T\\d{5}\\s*\\|\\s*alice\\s*\\|\\s*0\\s*\\|")
                .matcher(queue).find());
        assertTrue(tape.tape("drives", ""), Pattern.compile("(?m)^\\s*1\\s*\\|\\s*DOWN\\b").matcher(tape.tape("drives", "")).find());
        assertEquals(1, tape.metric("recallsQueued"));

        tape.tape("fail", "--clear");
        tape.awaitLocality("waiting.bin", "ONLINE_AND_NEARLINE");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertArrayEquals(first, ftp.retrieve("/tape/first.bin"));
        }
        assertEquals(2, tape.metric("filesRecalled"));
        assertEquals(130_000, tape.metric("bytesRecalled"));
        assertTrue("mounts for the recalls are counted", tape.metric("mounts") > mountsBefore);
        assertEquals(0, tape.metric("mountFailures"));
        assertTrue(tape.tape("queue", "").contains("nothing queued"));
    }

    @Test
    public void badInputFailsWithAClearMessage() throws IOException {
        assertContains(tape.tapeFailing("fail", "tape-on-fire"), "unknown fault 'tape-on-fire'");
        assertContains(tape.tapeFailing("fail", "drive-down first"), "drive-down needs a drive number");
        assertContains(tape.tapeFailing("fail", "disabled"), "fault needs an argument");
        assertContains(tape.tapeFailing("file", "/no/such.bin"), "/no/such.bin");
        assertContains(tape.tapeFailing("evict", "/no/such.bin"), "/no/such.bin");
        assertContains(tape.tapeFailing("mark", "/no/such.bin lost"), "/no/such.bin");
        assertContains(tape.tapeFailing("mark", "/no/such.bin broken"), "state must be lost, unavailable or clear");
        assertContains(gantryShellFailing("gridftp:tape-drives --dsi nonesuch"), "no tape DSI instance named 'nonesuch'");
        assertTrue("bad input injected nothing", tape.tape("fail", "").contains("no failures injected"));
    }

    private static void assertContains(String text, String expected) {
        assertTrue("expected '" + expected + "' in:\n" + text, text != null && text.contains(expected));
    }

    private static String gantryShellFailing(String command) {
        String output;
        try {
            output = gantry.shell(command);
        } catch (AssertionError | IOException failed) {
            return failed.getMessage();
        }
        throw new AssertionError(command + " should have failed, printed:\n" + output);
    }

    private static Duration recallAge() throws IOException {
        String queue = tape.tape("queue", "");
        Matcher m = RECALL_AGE.matcher(queue);
        assertTrue("a RECALL of /waiting.bin in:\n" + queue, m.find());
        return parseAge(m.group(1));
    }

    private static Duration quietRecallAge() {
        try {
            return recallAge();
        } catch (IOException | AssertionError e) {
            return Duration.ZERO;
        }
    }

    /** The shell's short forms: 950ms, 42s, 3m07s, 2h05m. */
    private static Duration parseAge(String age) {
        Matcher m = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?").matcher(age);
        assertTrue("an age: " + age, m.matches());
        return Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)))
                .plusMillis(number(m.group(4)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static String quietly(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @FunctionalInterface
    private interface IoSupplier {
        String get() throws IOException;
    }
}
