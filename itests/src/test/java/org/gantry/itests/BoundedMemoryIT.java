package org.gantry.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.inject.Inject;

import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.ServerSettings;
import org.gantry.dsi.api.Dsi;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.netty.buffer.ByteBufAllocator;

/**
 * Uploads stay within a fixed memory budget when the storage is slower than the network: in the
 * real assembly, 16 MODE E uploads with 8 parallel connections each (1 GiB in all) go to a
 * throttled DSI that stores 32 MiB/s. The server may hold only some MiB per upload before it
 * stops reading its sockets, so the senders must wait on TCP back-pressure and the server's
 * direct memory, sampled every 50 ms, must stay far below what buffering the data would take.
 * The uploads must also really have been slowed down to the DSI's pace, and every file must
 * arrive whole and byte for byte.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BoundedMemoryIT extends GantryKarafTestSupport {

    private static final String DSI_NAME = "slow";
    private static final String MOUNT = "/slow";
    private static final int UPLOADS = 16;
    private static final int CONNECTIONS = 8;
    private static final long FILE_SIZE = 64L << 20;
    private static final long TOTAL = UPLOADS * FILE_SIZE;
    /** The slow storage: all uploads together, so the data takes about 32 s to store. */
    private static final long RATE = 32L << 20;
    private static final long SAMPLE_MILLIS = 50;

    /** The server's design (StoreTask): a MODE E upload stops reading at this many bytes. */
    private static final long SERVER_MAX_BUFFERED = 4L << 20;
    /** The server's design (DataChannelFactory): one read of a data connection takes at most this. */
    private static final long SERVER_MAX_READ = 256L << 10;
    /**
     * The budget, from the server's design: an upload stops asking its connections for data once
     * 4 MiB wait for the DSI; those bytes sit in buffers that may be up to twice their size (runs
     * grow by doubling); each connection then has at most one read in flight (auto-read off): at
     * most 2 x 4 MiB + 8 x 256 KiB = 10 MiB per upload, 160 MiB for 16. Pooled allocators keep
     * whole chunks while any buffer in them lives, so half as much again is allowed: 240 MiB.
     * Buffering what the clients can send would take up to the whole 1 GiB.
     */
    private static final long BUDGET = UPLOADS * (2 * SERVER_MAX_BUFFERED + CONNECTIONS * SERVER_MAX_READ) * 3 / 2;
    /**
     * The gauges must see the server's receive buffers at all (each throttled upload fills its
     * buffer), or a low peak would prove nothing: at least 1 MiB per upload.
     */
    private static final long VISIBLE = UPLOADS * (1L << 20);
    private static final Duration UPLOAD_DEADLINE = Duration.ofSeconds(150);
    /**
     * Reported, not asserted: what the clients' sockets took that the DSI has not stored yet. Most
     * of it waits in the kernel's socket buffers (Linux grows them per connection), not in the
     * server, which is why it may be far above the server's peak.
     */
    private static final String NOT_STORED = "sent by the clients, not yet stored (kernel socket buffers + server)";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DsiRegistry dsiRegistry;

    @Test
    public void slowStorageKeepsUploadBuffersBounded() throws Exception {
        assertServerSharesOurNetty();
        ThrottledDsi dsi = new ThrottledDsi(RATE, SeededContent::seedFor);
        ServiceRegistration<Dsi> registration = bundleContext.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, DSI_NAME, Dsi.TYPE, "throttled-test")));
        ExecutorService threads = Executors.newCachedThreadPool(daemon("bounded-memory-client-"));
        List<ModeEUpload> uploads = new ArrayList<>();
        try {
            setMounts(configurationAdmin, "/=" + ServerSettings.DEFAULT_DSI, MOUNT + "=" + DSI_NAME);
            Await.until(MOUNT + " served by " + DSI_NAME, Duration.ofSeconds(30),
                    () -> dsiRegistry.activeDsiFor(MOUNT + "/f0").equals(Optional.of(DSI_NAME)),
                    () -> "mounts " + dsiRegistry.mounts() + ", instances " + dsiRegistry.instances());

            AtomicLong sent = new AtomicLong();
            for (int i = 0; i < UPLOADS; i++) {
                ModeEUpload upload = new ModeEUpload(ftpPort(), MOUNT + "/f" + i, FILE_SIZE,
                        SeededContent.seedFor(i), CONNECTIONS, sent);
                uploads.add(upload);
                upload.open();
            }

            Map<String, LongSupplier> gauges = DirectMemoryGauges.all();
            gauges.put(NOT_STORED, () -> sent.get() - dsi.bytesStored());
            long elapsedNanos;
            PeakSampler sampler = new PeakSampler(gauges, SAMPLE_MILLIS);
            try (sampler) {
                long start = System.nanoTime();
                runAll(uploads, threads, sampler);
                elapsedNanos = System.nanoTime() - start;
            }
            String report = report(sampler, elapsedNanos, dsi);
            System.out.println(report);
            Files.writeString(reportFile(), report, StandardCharsets.UTF_8);

            assertAllStored(dsi);
            double minimumSeconds = 0.8 * TOTAL / RATE;
            assertTrue("the uploads must have been held to the DSI's pace (at least " + minimumSeconds
                    + " s), else the slow storage was not in the way:\n" + report,
                    elapsedNanos / 1e9 >= minimumSeconds);
            assertTrue("the sampler must have run throughout:\n" + report,
                    sampler.samples() >= TimeUnit.NANOSECONDS.toMillis(elapsedNanos) / SAMPLE_MILLIS / 2);
            assertGaugesSawAndBoundedBuffers(sampler, report);
        } finally {
            for (ModeEUpload upload : uploads) {
                upload.close();
            }
            threads.shutdownNow();
            registration.unregister();
            dsi.close();
            setMounts(configurationAdmin, "/=" + ServerSettings.DEFAULT_DSI);
        }
    }

    /** Starts every upload at once and waits for all of them to end with 226. */
    private static void runAll(List<ModeEUpload> uploads, ExecutorService threads, PeakSampler sampler)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (ModeEUpload upload : uploads) {
            running.add(threads.submit(() -> {
                upload.send(threads);
                return null;
            }));
        }
        long deadline = System.nanoTime() + UPLOAD_DEADLINE.toNanos();
        for (Future<?> upload : running) {
            try {
                upload.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the uploads did not finish within " + UPLOAD_DEADLINE.toSeconds()
                        + " s; peaks so far: " + peaks(sampler), e);
            }
        }
    }

    private static void assertAllStored(ThrottledDsi dsi) {
        for (int i = 0; i < UPLOADS; i++) {
            String name = "/f" + i;
            ThrottledDsi.StoredUpload stored = dsi.committed(name)
                    .orElseThrow(() -> new AssertionError(MOUNT + name + " answered 226 but was never committed"));
            assertEquals(name + ": committed size", FILE_SIZE, stored.size());
            assertEquals(name + ": bytes the DSI received", ByteRanges.of(0, FILE_SIZE), stored.coverage());
            assertEquals(name + ": bytes written (each exactly once)", FILE_SIZE, stored.bytesWritten());
            assertEquals(name + ": first byte that differs from what was sent", -1, stored.firstMismatch());
        }
        assertEquals("uploads aborted", 0, dsi.abortedUploads());
    }

    private static void assertGaugesSawAndBoundedBuffers(PeakSampler sampler, String report) {
        PeakSampler.Peak allocator = sampler.peak(DirectMemoryGauges.NETTY_ALLOCATOR);
        PeakSampler.Peak counter = sampler.peak(DirectMemoryGauges.NETTY_COUNTER);
        PeakSampler.Peak pool = sampler.peak(DirectMemoryGauges.JVM_DIRECT_POOL);
        assertTrue("the default allocator (" + DirectMemoryGauges.allocatorName() + ") must report its use",
                allocator.available());
        assertTrue("the allocator's account must show the upload buffers (>= " + PeakSampler.mib(VISIBLE)
                + " MiB):\n" + report, allocator.peakAboveBaseline() >= VISIBLE);
        assertTrue("a JVM-level gauge (Netty's counter or the direct pool) must show the upload buffers (>= "
                + PeakSampler.mib(VISIBLE) + " MiB):\n" + report,
                Math.max(counter.peakAboveBaseline(), pool.peakAboveBaseline()) >= VISIBLE);
        for (PeakSampler.Peak peak : List.of(allocator, counter, pool)) {
            if (peak.available()) {
                assertTrue(peak.name() + " rose " + PeakSampler.mib(peak.peakAboveBaseline())
                        + " MiB, over the budget of " + PeakSampler.mib(BUDGET) + " MiB:\n" + report,
                        peak.peakAboveBaseline() <= BUDGET);
            }
        }
    }

    /** The allocator we sample is the server's only if there is one Netty buffer bundle and we use it. */
    private void assertServerSharesOurNetty() {
        long nettyBufferBundles = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "io.netty.buffer".equals(b.getSymbolicName())).count();
        assertEquals("Netty buffer bundles in the container", 1, nettyBufferBundles);
        assertEquals("the probe's Netty buffer classes come from", "io.netty.buffer",
                FrameworkUtil.getBundle(ByteBufAllocator.class).getSymbolicName());
    }

    private static String report(PeakSampler sampler, long elapsedNanos, ThrottledDsi dsi) {
        double seconds = elapsedNanos / 1e9;
        return String.format("BoundedMemoryIT: %d uploads x %d connections x %.0f MiB = %.0f MiB in %.1f s "
                + "(%.1f MiB/s; DSI rate %.0f MiB/s); allocator %s; %d samples; budget %.0f MiB%n%s",
                UPLOADS, CONNECTIONS, PeakSampler.mib(FILE_SIZE), PeakSampler.mib(TOTAL), seconds,
                PeakSampler.mib(TOTAL) / seconds, PeakSampler.mib(dsi.bytesPerSecond()),
                DirectMemoryGauges.allocatorName(), sampler.samples(), PeakSampler.mib(BUDGET), peaks(sampler))
                + System.lineSeparator();
    }

    private static String peaks(PeakSampler sampler) {
        return String.join("\n", List.of(
                "  " + sampler.peak(DirectMemoryGauges.NETTY_ALLOCATOR),
                "  " + sampler.peak(DirectMemoryGauges.NETTY_COUNTER),
                "  " + sampler.peak(DirectMemoryGauges.JVM_DIRECT_POOL),
                "  " + sampler.peak(NOT_STORED)));
    }

    /** Next to the POSIX root under target/, so that the numbers survive a passing run. */
    private static Path reportFile() {
        return posixRoot().getParent().resolve("bounded-memory.txt");
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
