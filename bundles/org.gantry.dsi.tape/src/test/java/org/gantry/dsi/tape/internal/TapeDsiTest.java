package org.gantry.dsi.tape.internal;

import static org.gantry.dsi.tape.internal.TapeSteps.session;
import static org.gantry.dsi.tape.internal.TapeSteps.write;
import static org.gantry.dsi.tape.internal.TapeSteps.read;
import static org.gantry.dsi.tape.internal.TapeSteps.onTape;
import static org.gantry.dsi.tape.internal.TapeSteps.awaitTrue;
import static org.gantry.dsi.tape.internal.TapeSteps.await;
import static org.gantry.dsi.tape.internal.TapeSteps.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.NearlineException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.SiteReply;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tape DSI end to end: write, flush, evict, recall (waiting, refusing, by SITE STAGE), restart. */
class TapeDsiTest {

    @TempDir
    Path base;

    private TapeDsi dsi;

    @AfterEach
    void close() {
        if (dsi != null) {
            dsi.close();
        }
    }

    @Test
    void aFileGoesToTapeIsEvictedAndComesBackIdenticalOnRead() throws Exception {
        dsi = TestTapes.open(base, TestTapes.fastLibrary(2, 4), TestTapes.policy(true));
        DsiSession session = session(dsi, "alice");
        byte[] content = write(session, "/data.bin", 300_000, 1);
        assertEquals(Locality.ONLINE, await(session.locality("/data.bin")), "on disk before its flush");

        CatalogueEntry flushed = awaitTape("/data.bin");
        assertEquals(Locality.ONLINE_AND_NEARLINE, await(session.locality("/data.bin")));
        assertEquals(TapePolicy.DEFAULT_FAMILY, flushed.family());
        assertArrayEquals(content, tapeBytes(flushed), "the cartridge holds the file's bytes at its location");

        dsi.cache().evict(flushed.id());
        assertEquals(Locality.NEARLINE, await(session.locality("/data.bin")));
        assertFalse(Files.exists(dsi.cache().fileOf(flushed.id())));

        assertArrayEquals(content, read(session, "/data.bin"), "a RETR waits for the recall by policy");
        assertEquals(Locality.ONLINE_AND_NEARLINE, await(session.locality("/data.bin")));
    }

    @Test
    void theRefusePolicyAnswersNearlineAtOnceAndTheRecallGoesOn() throws Exception {
        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), TestTapes.policy(false));
        DsiSession session = session(dsi, "alice");
        await(session.mkdir("/cms"));
        byte[] content = write(session, "/cms/run.root", 100_000, 2);
        CatalogueEntry e = awaitTape("/cms/run.root");
        assertEquals("cms", e.family(), "files below /cms belong to its family");
        dsi.cache().evict(e.id());

        Throwable refused = failure(session.openRead("/cms/run.root", ReadRequest.whole()));
        assertInstanceOf(NearlineException.class, refused);
        awaitTrue("the recall the refused RETR started", () -> locality(session, "/cms/run.root") != Locality.NEARLINE);
        assertArrayEquals(content, read(session, "/cms/run.root"));
    }

    @Test
    void aUserNoRuleAllowsIsRefusedPermanentlyAndNothingIsQueued() throws Exception {
        TapePolicy onlyVip = new TapePolicy(Map.of(), true, Duration.ofSeconds(5), List.of("vip:/"), Map.of(),
                Duration.ofMinutes(1), Duration.ofMillis(50), 0644, 0755);
        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), onlyVip);
        write(session(dsi, "vip"), "/f", 1000, 3);
        dsi.cache().evict(awaitTape("/f").id());

        assertInstanceOf(PermissionDeniedException.class, failure(session(dsi, "bob").openRead("/f", ReadRequest.whole())));
        SiteReply reply = stage(session(dsi, "bob"), "0 /f");
        assertEquals(550, reply.code(), reply.text());
        assertEquals(0, dsi.counters().get("recallsInFlight"));
        assertEquals(Locality.NEARLINE, locality(session(dsi, "bob"), "/f"));
    }

    @Test
    void aLostFileIsRefusedWithAPermanent550NamingLostEvenWithADiskCopy() throws Exception {
        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), TestTapes.policy(true));
        DsiSession session = session(dsi, "alice");
        write(session, "/nearline", 1000, 5);
        dsi.cache().evict(awaitTape("/nearline").id());
        write(session, "/cached", 1000, 6);
        dsi.catalogue().setFlags("/nearline", true, false);
        dsi.catalogue().setFlags("/cached", true, false);

        for (String path : List.of("/nearline", "/cached")) {
            Throwable refused = failure(session.openRead(path, ReadRequest.whole()));
            assertEquals(Optional.of(550), ((org.gantry.dsi.api.DsiException) refused).replyCode(), path);
            assertTrue(refused.getMessage().contains("LOST"), refused.getMessage());
        }
        assertEquals(0, dsi.counters().get("recallsInFlight"), "a LOST file starts no recall");
    }

    @Test
    void siteStageAnswers450WhileRecallingAnd250OnceOnDiskAndStatusNeverStages() throws Exception {
        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), TestTapes.policy(true));
        DsiSession session = session(dsi, "alice");
        write(session, "/s.bin", 5000, 4);
        dsi.cache().evict(awaitTape("/s.bin").id());

        SiteReply status = status(session, "/s.bin");
        assertEquals(new SiteReply(250, "/s.bin NEARLINE"), status);
        assertEquals(0, dsi.counters().get("recallsInFlight"), "a status query must not start a recall");

        SiteReply first = stage(session, "0 /s.bin");
        assertEquals(new SiteReply(450, "/s.bin: is being retrieved from the archive..."), first);
        SiteReply later = stage(session, "30 /s.bin");
        assertEquals(new SiteReply(250, "Stage of file /s.bin succeeded."), later);
        assertEquals(new SiteReply(250, "/s.bin ONLINE_AND_NEARLINE"), status(session, "/s.bin"));
        assertEquals(501, stage(session, "soon /s.bin").code());
        assertEquals(550, stage(session, "0 /missing").code());
    }

    @Test
    void aRestartResumesAPendingRecallAndLosesNothing() throws Exception {
        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), TestTapes.policy(true));
        byte[] content = write(session(dsi, "alice"), "/r.bin", 200_000, 5);
        long id = awaitTape("/r.bin").id();
        dsi.cache().evict(id);
        // Ask for the recall, then stop before the (deliberately slow) library could finish it.
        dsi.close();
        dsi = TestTapes.open(base, slowRecalls(), TestTapes.policy(true));
        assertEquals(450, stage(session(dsi, "alice"), "0 /r.bin").code());
        assertEquals(1, dsi.catalogue().pendingRecalls().size(), "the recall is in the catalogue");
        dsi.close();

        dsi = TestTapes.open(base, TestTapes.fastLibrary(1, 2), TestTapes.policy(true));
        DsiSession alice = session(dsi, "alice");
        awaitTrue("the resumed recall", () -> locality(alice, "/r.bin") == Locality.ONLINE_AND_NEARLINE);
        assertTrue(dsi.catalogue().pendingRecalls().isEmpty());
        assertArrayEquals(content, read(alice, "/r.bin"));
    }

    @Test
    void deletingAFileBeforeItsFlushCancelsTheFlush() throws Exception {
        // Flushes wait 300 simulated seconds for more files: long enough to delete first.
        dsi = TestTapes.open(base, slowRecalls(), TestTapes.policy(true));
        DsiSession session = session(dsi, "alice");
        write(session, "/gone.bin", 1000, 6);
        long id = dsi.catalogue().lookup("/gone.bin").id();
        await(session.delete("/gone.bin"));
        assertFalse(Files.exists(dsi.cache().fileOf(id)), "the disk copy goes with the name");
        assertTrue(dsi.catalogue().files().isEmpty());
    }

    // ---- helpers

    private static org.gantry.dsi.tape.internal.library.LibrarySettings slowRecalls() {
        return new org.gantry.dsi.tape.internal.library.LibrarySettings(1, 2, 64L << 20, 1.0,
                Duration.ofSeconds(60), Duration.ofSeconds(60), 250L << 20, 250L << 20, Duration.ofSeconds(60),
                Duration.ofSeconds(120), Duration.ofSeconds(300), 1L << 30, 1000, Duration.ofSeconds(60), 200,
                Duration.ofHours(4));
    }

    private byte[] tapeBytes(CatalogueEntry e) throws Exception {
        var location = e.tape().orElseThrow();
        byte[] tape = Files.readAllBytes(base.resolve("library").resolve(location.cartridge() + ".tape"));
        byte[] copy = new byte[(int) location.length()];
        System.arraycopy(tape, (int) location.offset(), copy, 0, copy.length);
        return copy;
    }

    private CatalogueEntry awaitTape(String path) throws Exception {
        awaitTrue(path + " on tape", () -> onTape(dsi, path));
        return dsi.catalogue().lookup(path);
    }

    private static Locality locality(DsiSession session, String path) {
        try {
            return await(session.locality(path));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SiteReply stage(DsiSession session, String arguments) throws Exception {
        return await(new StageCommand(storeOf()).execute(session, arguments, p -> p));
    }

    private SiteReply status(DsiSession session, String path) throws Exception {
        return await(new StageStatusCommand(storeOf()).execute(session, path, p -> p));
    }

    private TapeStore storeOf() {
        return ((StageCommand) dsi.siteCommands().get(0)).store();
    }
}
