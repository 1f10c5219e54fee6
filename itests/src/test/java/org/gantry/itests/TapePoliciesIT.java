package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * The door's policies, on two more tape DSI instances of one server: {@code /tape-now} answers a
 * RETR of a nearline file with a transient 4xx at once while the recall goes on
 * ({@code nearlineRead = refuse}); {@code /tape-strict} lets only user {@code stager} recall
 * files, so everybody else gets a permanent 550 and queues nothing.
 */
public class TapePoliciesIT {

    @ClassRule
    public static final LaunchedServer gantry = new LaunchedServer("tape-policies");

    private static TapeDsiInstance now;
    private static TapeDsiInstance strict;

    @BeforeClass
    public static void mountTheTapeDsis() throws IOException {
        now = TapeDsiInstance.mount(gantry, "now", "/tape-now", "nearlineRead = refuse");
        strict = TapeDsiInstance.mount(gantry, "strict", "/tape-strict", "stagers = stager:/");
    }

    @Test
    public void theRefusePolicyAnswersATransient4xxAtOnceAndTheRecallGoesOn() throws IOException {
        byte[] content = TestData.bytes(41, 300_000);
        now.storeNearline("refused.bin", content);

        FtpReply refused;
        long started = System.nanoTime();
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            refused = ftp.refusedTransfer("RETR /tape-now/refused.bin");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(refused.toString(), 451, refused.code());
        assertTrue(refused.toString(), refused.toString().contains("nearline"));
        assertTrue("refused at once, not after the recall: " + millis + " ms", millis < 5_000);

        // Status queries never stage: the refused RETR's own recall brings the file back.
        now.awaitLocality("refused.bin", "ONLINE_AND_NEARLINE");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            assertArrayEquals(content, ftp.retrieve("/tape-now/refused.bin"));
        }
    }

    @Test
    public void aUserNoStagerRuleAllowsGetsAPermanent550AndQueuesNothing() throws IOException {
        byte[] content = TestData.bytes(42, 100_000);
        strict.storeNearline("guarded.bin", content);

        try (FtpTestClient ftp = FtpTestClient.loggedIn(gantry.port())) {
            FtpReply retr = ftp.refusedTransfer("RETR /tape-strict/guarded.bin");
            assertEquals(retr.toString(), 550, retr.code());
            assertTrue(retr.toString(), retr.toString().contains("Permission denied"));
            FtpReply stage = ftp.command("SITE STAGE 10 /tape-strict/guarded.bin");
            assertEquals(stage.toString(), 550, stage.code());
            assertTrue(stage.toString(), stage.toString().contains("staging is not permitted")
                    && stage.toString().contains("anonymous may not stage"));
        }
        assertEquals("250 /tape-strict/guarded.bin NEARLINE", strict.stageStatus("guarded.bin"));
        assertEquals(0, strict.metric("recallsQueued"));
        assertEquals(0, strict.metric("recallsInFlight"));
        assertTrue(strict.tape("queue", "").contains("nothing queued"));

        // The user the rule names may stage it.
        gantry.instance().addUser("stager", "stager-secret");
        try (FtpTestClient ftp = FtpTestClient.connect(gantry.port())) {
            ftp.login("stager", "stager-secret");
            FtpReply reply = ftp.command("SITE STAGE 30 /tape-strict/guarded.bin");
            assertEquals("250 Stage of file /tape-strict/guarded.bin succeeded.", reply.toString());
            assertArrayEquals(content, ftp.retrieve("/tape-strict/guarded.bin"));
        }
    }
}
