package org.gantry.dsi.s3.internal;

import java.util.Map;

import org.gantry.dsi.api.Dsi;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One S3 DSI per factory configuration of {@value #PID}. As with the other DSIs the component
 * registers the {@link Dsi} service itself, so that {@value Dsi#NAME} is the configured name. A
 * configuration change restarts the instance. Nothing is asked of the store at start-up: an
 * unreachable endpoint shows as 451 replies, not as a missing DSI.
 */
@Component(name = S3DsiComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = S3Config.class, factory = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gantry.dsi.api.Dsi",
        uses = Dsi.class)
public class S3DsiComponent {

    static final String PID = "org.gantry.dsi.s3";
    static final String TYPE = "s3";

    private static final Logger LOG = LoggerFactory.getLogger(S3DsiComponent.class);

    private S3Dsi dsi;
    private ServiceRegistration<Dsi> registration;

    @Activate
    void activate(BundleContext context, S3Config config) {
        S3Settings settings = S3Settings.from(config);
        dsi = new S3Dsi(settings, S3Clients.create(settings));
        registration = context.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, settings.name(), Dsi.TYPE, TYPE)));
        // The settings' text leaves the secret key out.
        LOG.info("S3 DSI {}", settings);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself.
        }
        dsi.close();
    }
}
