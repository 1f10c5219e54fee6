package org.gantry.dsi.memory.internal;

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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One memory DSI per factory configuration of {@value #PID}.
 *
 * <p>The component registers the {@link Dsi} service itself, because the service property
 * {@value Dsi#NAME} must equal the configured {@code name} and DS publishes configuration
 * properties only under their own keys. Configuration changes are applied in place so the
 * content survives them: a new capacity takes effect at once; a new name re-registers the
 * service (unregister, then register), so that trackers see the DSI leave and come back.
 */
@Component(name = MemoryDsiComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = MemoryDsiComponent.Config.class, factory = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gantry.dsi.api.Dsi",
        uses = Dsi.class)
public class MemoryDsiComponent {

    static final String PID = "org.gantry.dsi.memory";
    static final String TYPE = "memory";

    private static final Logger LOG = LoggerFactory.getLogger(MemoryDsiComponent.class);

    @ObjectClassDefinition(name = "Gantry memory DSI",
            description = "A bounded in-memory file tree; its content is lost when it stops.")
    public @interface Config {

        @AttributeDefinition(name = "Name",
                description = "Instance name that mounts refer to (service property gantry.dsi.name).")
        String name() default "memory";

        @AttributeDefinition(name = "Capacity", min = "0",
                description = "Most bytes of file content held, uploads in progress included.")
        long capacity() default 268435456L;

        String webconsole_configurationFactory_nameHint() default "Memory DSI {name} ({capacity} bytes)";
    }

    private BundleContext context;
    private MemoryDsi dsi;
    private String name;
    private ServiceRegistration<Dsi> registration;

    @Activate
    synchronized void activate(BundleContext context, Config config) {
        String configuredName = validName(config);
        this.context = context;
        this.dsi = new MemoryDsi(validCapacity(config));
        register(configuredName);
    }

    @Modified
    synchronized void modified(Config config) {
        String configuredName = validName(config);
        dsi.setCapacity(validCapacity(config));
        if (!configuredName.equals(name)) {
            unregister();
            register(configuredName);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
        dsi.close();
    }

    private void register(String configuredName) {
        name = configuredName;
        registration = context.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, configuredName, Dsi.TYPE, TYPE)));
        LOG.info("memory DSI '{}' holds up to {} bytes", configuredName, dsi.availableBytes() + dsi.usedBytes());
    }

    private void unregister() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework unregisters a stopping bundle's services itself.
        }
    }

    private static String validName(Config config) {
        String name = config.name() == null ? "" : config.name().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(PID + ": 'name' must not be empty");
        }
        return name;
    }

    private static long validCapacity(Config config) {
        if (config.capacity() < 0) {
            throw new IllegalArgumentException(PID + ": 'capacity' must not be negative");
        }
        return config.capacity();
    }

    /** The DSI this component made; for tests. */
    synchronized MemoryDsi dsi() {
        return dsi;
    }
}
