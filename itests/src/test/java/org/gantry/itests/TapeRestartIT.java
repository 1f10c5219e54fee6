package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * A restart of the server while a recall is in flight resumes that recall: the file comes back to
 * disk after the restart without anybody asking again, and reads back identical. The recall is
 * held in the queue by taking both drives down from the shell; such shell-injected faults do not
 * outlive the restart (only configured ones would), so the resumed recall can run.
 */
public class TapeRestartIT {

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("tape-restart");

    @Test
    public void aRecallInFlightAtARestartResumesWithoutANewRequest() throws IOException {
        TapeDsiInstance tape = TapeDsiInstance.mount(gantry, "tape", "/tape");
        byte[] content = TestData.bytes(51, 400_000);
        tape.storeNearline("resume.bin", content);
        tape.tape("fail", "drive-down 0");
        tape.tape("fail", "drive-down 1");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertEquals("450 /tape/resume.bin: is being retrieved from the archive...",
                    ftp.command("SITE STAGE 0 /tape/resume.bin").toString());
        }
        assertEquals("250 /tape/resume.bin NEARLINE (recall queued)", tape.stageStatus("resume.bin"));
        String queue = tape.tape("queue", "");
        assertTrue(queue, queue.contains("RECALL") && queue.contains("/resume.bin"));

        gantry.restart();

        // Watched through the shell only, before any client can ask: the recall resumes by itself.
        Await.until("/resume.bin back on disk after the restart", Duration.ofSeconds(60),
                () -> tape.tapeQuietly("file", "/resume.bin").startsWith("/resume.bin ONLINE_AND_NEARLINE"),
                () -> tape.tapeQuietly("file", "/resume.bin"));
        // The mount gridftp:mount-add saved survives the restart (the launcher keeps the
        // configuration file typed), so the file is at /tape again without mounting it anew.
        assertEquals("250 /tape/resume.bin ONLINE_AND_NEARLINE", tape.stageStatus("resume.bin"));
        assertEquals("the counters start at 0 with the restart: the recall ran after it", 1,
                tape.metric("filesRecalled"));
        assertTrue(gantry.karafLogTail(400), gantry.karafLogTail(400).contains("resuming the recall of /resume.bin"));
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertArrayEquals("the resumed recall brought back the file's bytes", content,
                    ftp.retrieve("/tape/resume.bin"));
        }
        assertTrue(tape.tape("queue", "").contains("nothing queued"));
    }
}
