package org.gantry.dsi.tape.internal;

import static org.gantry.dsi.tape.internal.TapeSteps.session;
import static org.gantry.dsi.tape.internal.TapeSteps.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gantry.dsi.api.CommitInfo;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.SiteReply;
import org.gantry.dsi.api.WriteRequest;
import org.gantry.dsi.tape.internal.cache.CacheSettings;
import org.gantry.dsi.tape.internal.catalogue.CatalogueEntry;
import org.gantry.dsi.tape.internal.library.Fault;
import org.gantry.dsi.tape.internal.library.Faults;
import org.gantry.dsi.tape.internal.library.LibrarySettings;
import org.gantry.dsi.tape.internal.library.TapeLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario through the DSI: 1,000 files written, all flushed with tape
 * locations, evicted, then SITE STAGE of 200 of them spread over 5 cartridges: at most 5 mounts
 * with 2 drives, and on each cartridge the files come back in tape order.
 */
class TapeScenarioTest {

    private static final int FAMILIES = 5;

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
    void aThousandFilesFlushAndTwoHundredStagesNeedAtMostFiveMountsInTapeOrder() throws Exception {
        LibrarySettings library = new LibrarySettings(2, 8, 64L << 20, TestTapes.SCALE, Duration.ofSeconds(60),
                Duration.ofSeconds(60), 250L << 20, 250L << 20, Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(300), 1L << 30, 1000, Duration.ofSeconds(60), 200, Duration.ofHours(4));
        Map<String, String> families = new HashMap<>();
        for (int f = 0; f < FAMILIES; f++) {
            families.put("/f" + f, "family" + f);
        }
        TapePolicy policy = new TapePolicy(families, true, Duration.ofSeconds(30), List.of("*:/"), Map.of(),
                Duration.ofMinutes(10), Duration.ofMillis(50), 0644, 0755);
        dsi = new TapeDsi("tape", base, policy, CacheSettings.of(256L << 20, 0.95, 0.9), library, new Faults(), 4);
        DsiSession session = session(dsi, "alice");

        List<String> paths = new ArrayList<>();
        Random random = new Random(7);
        for (int f = 0; f < FAMILIES; f++) {
            await(session.mkdir("/f" + f));
        }
        for (int i = 0; i < 1000; i++) {
            String path = "/f" + (i % FAMILIES) + "/file" + i;
            byte[] content = new byte[2048 + random.nextInt(4096)];
            random.nextBytes(content);
            DsiWriter writer = await(session.openWrite(path, WriteRequest.replace()));
            await(writer.write(ByteBuffer.wrap(content), 0));
            await(writer.commit(new CommitInfo(content.length, List.of())));
            paths.add(path);
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (dsi.catalogue().files().stream().anyMatch(e -> e.tape().isEmpty())) {
            assertTrue(System.nanoTime() < deadline, "all 1,000 files must be flushed within 60 s");
            Thread.sleep(20);
        }
        Map<String, String> familyOfCartridge = new HashMap<>();
        for (CatalogueEntry e : dsi.catalogue().files()) {
            String cartridge = e.tape().orElseThrow().cartridge();
            String previous = familyOfCartridge.putIfAbsent(cartridge, e.family());
            assertTrue(previous == null || previous.equals(e.family()), "families never share a cartridge");
            dsi.cache().evict(e.id());
        }
        assertEquals(FAMILIES, familyOfCartridge.size(), "each family went to one cartridge of its own");

        List<String> chosen = new ArrayList<>(paths);
        Collections.shuffle(chosen, random);
        chosen = chosen.subList(0, 200);
        long mountsBefore = dsi.library().status().counters().mounts();
        // The requests arrive as one burst, as a client's SITE STAGE loop sends them: with both
        // drives held back until all 200 are queued, however slowly this machine issues them.
        dsi.library().faults().inject(new Fault.DriveDown(0));
        dsi.library().faults().inject(new Fault.DriveDown(1));
        StageCommand stage = (StageCommand) dsi.siteCommands().get(0);
        List<Long> completed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> recalls = new ArrayList<>();
        for (String path : chosen) {
            SiteReply reply = await(stage.execute(session, "0 " + path, p -> p));
            assertEquals(450, reply.code(), reply.text());
            CatalogueEntry e = dsi.catalogue().lookup(path);
            // The same (merged) request the SITE STAGE started: it completes when the file is back.
            CompletableFuture<Void> recall = dsi.recalls().request(e, "alice");
            recalls.add(recall.thenRun(() -> completed.add(e.id())));
        }
        dsi.library().faults().clear();
        CompletableFuture.allOf(recalls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        long mounts = dsi.library().status().counters().mounts() - mountsBefore;
        assertTrue(mounts <= FAMILIES, "200 recalls over 5 cartridges with 2 drives took " + mounts + " mounts");
        Map<String, List<Long>> offsetsInRecallOrder = new HashMap<>();
        for (long id : completed) {
            TapeLocation where = dsi.catalogue().byId(id).orElseThrow().tape().orElseThrow();
            offsetsInRecallOrder.computeIfAbsent(where.cartridge(), c -> new ArrayList<>()).add(where.offset());
        }
        for (Map.Entry<String, List<Long>> cartridge : offsetsInRecallOrder.entrySet()) {
            List<Long> sorted = new ArrayList<>(cartridge.getValue());
            Collections.sort(sorted);
            assertEquals(sorted, cartridge.getValue(), "recalls from " + cartridge.getKey() + " in tape order");
        }
        for (String path : chosen) {
            assertEquals(org.gantry.dsi.api.Locality.ONLINE_AND_NEARLINE, dsi.catalogue().lookup(path).locality());
        }
    }
}
