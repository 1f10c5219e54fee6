package org.gantry.itests;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.gantry.core.admin.DsiRegistry;
import org.gantry.core.admin.ServerSettings;
import org.gantry.dsi.api.Dsi;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A test DSI that stores through the real POSIX DSI, registered from the Pax Exam probe and
 * mounted beside the POSIX root for one test; {@link #close()} restores the plain mount table.
 */
final class TestDsiMount implements AutoCloseable {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final ServiceReference<Dsi> posixReference;
    private ServiceRegistration<Dsi> registration;
    private DsiRegistry registry;
    private String mount;

    private TestDsiMount(BundleContext context, ConfigurationAdmin configurationAdmin,
            ServiceReference<Dsi> posixReference) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.posixReference = posixReference;
    }

    /** Waits for the POSIX DSI service; mount a DSI built on {@link #posix()} next. */
    static TestDsiMount overPosix(BundleContext context, ConfigurationAdmin configurationAdmin) {
        String filter = "(" + Dsi.NAME + "=" + ServerSettings.DEFAULT_DSI + ")";
        ServiceReference<Dsi>[] found = new ServiceReference[1];
        Await.until("the POSIX DSI service", SETTLE, () -> (found[0] = reference(context, filter)) != null);
        return new TestDsiMount(context, configurationAdmin, found[0]);
    }

    Dsi posix() {
        return context.getService(posixReference);
    }

    /** Registers {@code dsi} as {@code name} and mounts it at {@code mount}, waiting until it serves there. */
    void mount(String mount, String name, String type, Dsi dsi, DsiRegistry registry) throws IOException {
        this.registry = registry;
        this.mount = mount;
        registration = context.registerService(Dsi.class, dsi,
                FrameworkUtil.asDictionary(Map.of(Dsi.NAME, name, Dsi.TYPE, type)));
        GantryKarafTestSupport.setMounts(configurationAdmin, "/=" + ServerSettings.DEFAULT_DSI, mount + "=" + name);
        Await.until(mount + " served by " + name, SETTLE,
                () -> registry.activeDsiFor(mount + "/f").equals(Optional.of(name)),
                () -> "mounts " + registry.mounts() + ", instances " + registry.instances());
    }

    /**
     * Unmounts and waits until the server's table no longer has the mount: otherwise the next
     * test's mount may be undone by this late update after it saw its DSI serving.
     */
    @Override
    public void close() throws IOException {
        GantryKarafTestSupport.setMounts(configurationAdmin, "/=" + ServerSettings.DEFAULT_DSI);
        if (registry != null) {
            Await.until(mount + " unmounted", SETTLE,
                    () -> registry.mounts().stream().noneMatch(m -> m.path().equals(mount)),
                    () -> "mounts " + registry.mounts());
        }
        if (registration != null) {
            registration.unregister();
        }
        context.ungetService(posixReference);
    }

    private static ServiceReference<Dsi> reference(BundleContext context, String filter) {
        try {
            return context.getServiceReferences(Dsi.class, filter).stream().findFirst().orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(filter, e);
        }
    }
}
