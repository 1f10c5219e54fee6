package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.gantry.dsi.tape.internal.library.Faults;
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
 * One tape-HSM simulator per factory configuration of {@value #PID}. As with the other DSIs the
 * component registers the {@link Dsi} service itself, so that {@value Dsi#NAME} is the
 * configured name. A configuration change restarts the instance; catalogue, cache and tapes are
 * on disk and pending flushes and recalls resume.
 */
@Component(name = TapeDsiComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = TapeConfig.class, factory = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gantry.dsi.api.Dsi",
        uses = Dsi.class)
public class TapeDsiComponent {

    static final String PID = "org.gantry.dsi.tape";
    static final String TYPE = "tape";

    private static final Logger LOG = LoggerFactory.getLogger(TapeDsiComponent.class);

    private TapeDsi dsi;
    private ServiceRegistration<Dsi> registration;
    private ServiceRegistration<TapeAdmin> adminRegistration;

    @Activate
    void activate(BundleContext context, TapeConfig config) throws IOException, DsiException {
        TapeConfigReader reader = new TapeConfigReader(config);
        Faults faults = reader.faults();
        dsi = new TapeDsi(reader.name(), Path.of(reader.root()), reader.policy(), reader.cache(), reader.library(),
                faults, config.ioThreads());
        registration = context.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, reader.name(), Dsi.TYPE, TYPE)));
        adminRegistration = context.registerService(TapeAdmin.class, new TapeAdminService(dsi),
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, reader.name())));
        LOG.info("tape DSI '{}' at {}: {} drives, {} cartridges, time scale {}", reader.name(), reader.root(),
                config.drives(), config.cartridges(), config.timeScale());
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {adminRegistration, registration}) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework unregisters a stopping bundle's services itself.
            }
        }
        dsi.close();
    }

    /** The DSI this component made; for tests. */
    TapeDsi dsi() {
        return dsi;
    }
}
