package org.gantry.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.gantry.core.admin.DsiInstance;
import org.gantry.core.admin.DsiRegistry;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Feature {@code gantry-dsi-s3} in the real assembly, without a restart: installed into the
 * running container, an instance configured through ConfigurationAdmin (a factory configuration
 * of {@code org.gantry.dsi.s3}, as {@code config:edit --factory} makes it) against a real s3proxy,
 * mounted at {@code /s3} and used over FTP; then uninstalled, after which {@code /s3} answers 451
 * and {@code /} goes on serving. One control connection stays open throughout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class S3FeatureIT extends GantryKarafTestSupport {

    private static final String S3_FEATURE = "gantry-dsi-s3";
    private static final String S3_FACTORY_PID = "org.gantry.dsi.s3";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Inject
    private FeaturesService featuresService;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private DsiRegistry dsiRegistry;

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        Path work = Path.of(required("gantry.itests.work")).toAbsolutePath();
        return OptionUtils.combine(super.configuration(),
                S3ProxyForContainer.start(work.resolve(getClass().getSimpleName()).resolve("s3proxy")));
    }

    @Test
    public void installsConfiguresServesAndUninstallsTheS3DsiWithoutRestart() throws Exception {
        try (FtpTestClient throughout = FtpTestClient.loggedIn(ftpPort())) {
            featuresService.installFeature(S3_FEATURE);
            org.osgi.service.cm.Configuration instance =
                    configurationAdmin.getFactoryConfiguration(S3_FACTORY_PID, "s3", "?");
            instance.update(storeSettings());
            Await.until("a DSI named 's3' to register", SETTLE,
                    () -> dsiRegistry.instances().stream().anyMatch(d -> d.name().equals("s3")),
                    () -> "instances " + dsiRegistry.instances().stream().map(DsiInstance::name).toList());
            setMounts(configurationAdmin, "/=posix", "/s3=s3");
            Await.until("/s3 served by the s3 DSI", SETTLE,
                    () -> dsiRegistry.activeDsiFor("/s3/any").equals(Optional.of("s3")),
                    () -> "mounts " + dsiRegistry.mounts());

            byte[] content = TestData.bytes(91, 1_000_003);
            throughout.command("MKD /s3/feature", 257);
            throughout.storeOk("/s3/feature/object.bin", content);
            Path object = Path.of(required(S3ProxyForContainer.DATA_DIRECTORY)).resolve("feature/object.bin");
            assertArrayEquals("the object in the store", content, Files.readAllBytes(object));
            assertArrayEquals("RETR through the S3 DSI", content, throughout.retrieve("/s3/feature/object.bin"));
            assertFalse("nothing of /s3 on the POSIX disk", Files.exists(posixRoot().resolve("s3")));

            featuresService.uninstallFeature(S3_FEATURE);
            Await.until("the 's3' DSI to unregister", SETTLE,
                    () -> dsiRegistry.instances().stream().noneMatch(d -> d.name().equals("s3")),
                    () -> "instances " + dsiRegistry.instances().stream().map(DsiInstance::name).toList());
            assertEquals("451 Storage unavailable: s3",
                    throughout.command("SIZE /s3/feature/object.bin").toString());
            throughout.storeOk("/posix-after-uninstall.bin", content);
            assertArrayEquals("/ is still served", content, throughout.retrieve("/posix-after-uninstall.bin"));
            assertArrayEquals("on the POSIX disk", content,
                    Files.readAllBytes(posixRoot().resolve("posix-after-uninstall.bin")));
        } finally {
            stopTheStore();
        }
    }

    private static Dictionary<String, Object> storeSettings() {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("name", "s3");
        settings.put("endpoint", required(S3ProxyForContainer.ENDPOINT));
        settings.put("region", required(S3ProxyForContainer.REGION));
        settings.put("accessKey", required(S3ProxyForContainer.ACCESS_KEY));
        settings.put("secretKey", required(S3ProxyForContainer.SECRET_KEY));
        settings.put("maxAttempts", LaunchedS3Proxy.ATTEMPTS);
        return settings;
    }

    /** The store was started outside the container (see {@link S3ProxyForContainer}); its pid ends it. */
    private static void stopTheStore() {
        ProcessHandle.of(Long.parseLong(required(S3ProxyForContainer.PID))).ifPresent(store -> {
            store.destroy();
            assertTrue("s3proxy stopped", store.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                    .handle((done, timedOut) -> timedOut == null).join());
        });
    }
}
