package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.ServerSettings;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The README's promise, in the real assembly and without a restart: the server starts on POSIX,
 * the memory DSI is installed as a feature and takes over {@code /} (through ConfigAdmin and
 * through the {@code gridftp:dsi-use} shell command), and when its feature is uninstalled
 * {@code /} falls back to POSIX while the server keeps serving. Every step is checked over FTP
 * and on the POSIX disk, not only through the admin API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DsiSwitchingIT extends GantryKarafTestSupport {

    private static final String MEMORY_FEATURE = "gantry-dsi-memory";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    private FeaturesService featuresService;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DsiRegistry dsiRegistry;

    @Inject
    private SessionFactory sessionFactory;

    @Test
    public void switchesBetweenPosixAndMemoryWithoutRestart() throws Exception {
        awaitActiveDsi("posix", "boot");
        byte[] bootFile = storeLandsOnPosixDisk("posix-at-boot.bin", 1);

        featuresService.installFeature(MEMORY_FEATURE);
        Await.until("a DSI named 'memory' to register", SETTLE,
                () -> dsiRegistry.instances().stream().anyMatch(d -> d.name().equals("memory")),
                () -> "instances " + dsiRegistry.instances());
        assertEquals("installing the feature alone must not move /", Optional.of("posix"),
                dsiRegistry.activeDsiFor("/"));

        setMounts("/=memory|posix");
        awaitActiveDsi("memory", "ConfigAdmin switch");
        storeLandsInMemory("memory-via-configadmin.bin", 2);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            assertEquals("a POSIX file is not visible through the memory DSI",
                    550, ftp.command("SIZE posix-at-boot.bin").code());
        }

        setMounts("/=posix");
        awaitActiveDsi("posix", "ConfigAdmin switch back");
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            assertEquals("the POSIX file is served again", bootFile.length, ftp.size("posix-at-boot.bin"));
        }

        String shellOutput = shell("gridftp:dsi-use memory");
        awaitActiveDsi("memory", "gridftp:dsi-use memory (shell said: " + shellOutput + ")");
        assertTrue("dsi-use writes the mount with the posix fallback, mounts now " + dsiRegistry.mounts(),
                dsiRegistry.mounts().stream().anyMatch(m -> m.format().equals("/=memory|posix")));
        storeLandsInMemory("memory-via-shell.bin", 3);

        featuresService.uninstallFeature(MEMORY_FEATURE);
        Await.until("the 'memory' DSI to unregister", SETTLE,
                () -> dsiRegistry.instances().stream().noneMatch(d -> d.name().equals("memory")),
                () -> "instances " + dsiRegistry.instances());
        awaitActiveDsi("posix", "fallback after uninstalling " + MEMORY_FEATURE);
        storeLandsOnPosixDisk("posix-after-uninstall.bin", 4);
    }

    /** STOR, then the file is on the POSIX disk and RETR/SIZE return it unchanged. */
    private byte[] storeLandsOnPosixDisk(String name, int seed) throws IOException {
        byte[] content = TestData.bytes(seed, 4096 + seed);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            ftp.storeOk(name, content);
            Path onDisk = posixRoot().resolve(name);
            assertTrue(name + " must be on the POSIX disk at " + onDisk, Files.isRegularFile(onDisk));
            assertArrayEquals(name + " on disk", content, Files.readAllBytes(onDisk));
            assertArrayEquals(name + " via RETR", content, ftp.retrieve(name));
            assertEquals(name + " via SIZE", content.length, ftp.size(name));
        }
        return content;
    }

    /** STOR, then the file is served (RETR/SIZE) but nothing reached the POSIX disk. */
    private void storeLandsInMemory(String name, int seed) throws IOException {
        byte[] content = TestData.bytes(seed, 4096 + seed);
        try (FtpTestClient ftp = FtpTestClient.loggedIn(ftpPort())) {
            ftp.storeOk(name, content);
            assertFalse(name + " must not be on the POSIX disk while / is on memory",
                    Files.exists(posixRoot().resolve(name)));
            assertArrayEquals(name + " via RETR", content, ftp.retrieve(name));
            assertEquals(name + " via SIZE", content.length, ftp.size(name));
        }
    }

    private void awaitActiveDsi(String expected, String step) {
        Await.until("activeDsiFor(\"/\") == " + expected + " after " + step, SETTLE,
                () -> dsiRegistry.activeDsiFor("/").equals(Optional.of(expected)),
                () -> "active " + dsiRegistry.activeDsiFor("/") + ", mounts " + dsiRegistry.mounts()
                        + ", instances " + dsiRegistry.instances().stream().map(DsiInstance::name).toList());
    }

    /** Replaces the mount table and checks that ConfigAdmin holds the new one. */
    private void setMounts(String... mounts) throws IOException {
        setMounts(configurationAdmin, mounts);
        assertEquals(Arrays.asList(mounts), Arrays.asList((String[]) configurationAdmin
                .getConfiguration(ServerSettings.PID, null).getProperties().get(ServerSettings.MOUNTS)));
    }

    /** Runs one Karaf shell command in-process and returns what it printed. */
    private String shell(String command) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        }
        return printed.toString(StandardCharsets.UTF_8).trim();
    }
}
