package org.gantry.dsi.posix.internal;

import java.io.IOException;
import java.nio.file.Path;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POSIX DSI per factory configuration of {@value #PID}.
 *
 * <p>The component registers the {@link Dsi} service itself instead of letting DS do it: the
 * service property {@value Dsi#NAME} must equal the configured {@code name}, and DS can only
 * publish configuration properties under their own keys. Any configuration change re-activates
 * the component (there is no modified method), which re-registers the service; the files stay
 * on disk, so nothing is lost.
 */
@Component(name = PosixDsiComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = PosixDsiComponent.Config.class, factory = true)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=org.gantry.dsi.api.Dsi",
        uses = Dsi.class)
public class PosixDsiComponent {

    static final String PID = "org.gantry.dsi.posix";
    static final String TYPE = "posix";

    private static final Logger LOG = LoggerFactory.getLogger(PosixDsiComponent.class);

    @ObjectClassDefinition(name = "Gantry POSIX DSI",
            description = "Serves a local directory over GridFTP; one configuration per directory.")
    public @interface Config {

        @AttributeDefinition(name = "Name",
                description = "Instance name that mounts refer to (service property gantry.dsi.name).")
        String name() default "posix";

        @AttributeDefinition(name = "Root directory",
                description = "Directory served as '/'; created if missing. Nothing outside it is "
                        + "reachable, not even through symbolic links.")
        String root();

        @AttributeDefinition(name = "File mode", description = "Octal permissions of newly uploaded files.")
        String fileMode() default "0644";

        @AttributeDefinition(name = "Directory mode", description = "Octal permissions of new directories.")
        String directoryMode() default "0755";

        @AttributeDefinition(name = "I/O threads", min = "1",
                description = "Threads that run blocking file-system calls for this instance.")
        int ioThreads() default 16;

        @AttributeDefinition(name = "Sync on commit",
                description = "Wait until an upload's data is on disk (fsync) before the transfer is "
                        + "reported complete. Safer against power loss, but bounded by the disk's "
                        + "synchronous write speed. Off by default, like the Globus server: the "
                        + "rename that publishes an upload happens only after all its data was written.")
        boolean syncOnCommit() default false;

        String webconsole_configurationFactory_nameHint() default "POSIX DSI {name} at {root}";
    }

    private PosixDsi dsi;
    private ServiceRegistration<Dsi> registration;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        String name = config.name() == null ? "" : config.name().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(PID + ": 'name' must not be empty");
        }
        if (config.root() == null || config.root().isBlank()) {
            throw new IllegalArgumentException(PID + " '" + name + "': 'root' must be configured");
        }
        if (config.ioThreads() < 1) {
            throw new IllegalArgumentException(PID + " '" + name + "': 'ioThreads' must be at least 1");
        }
        dsi = new PosixDsi(name, Path.of(config.root()), FileModes.parse(config.fileMode()),
                FileModes.parse(config.directoryMode()), config.ioThreads(), config.syncOnCommit());
        registration = context.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, name, Dsi.TYPE, TYPE)));
        LOG.info("POSIX DSI '{}' serves {}", name, dsi.root());
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

    /** The DSI this component made; for tests. */
    PosixDsi dsi() {
        return dsi;
    }
}
