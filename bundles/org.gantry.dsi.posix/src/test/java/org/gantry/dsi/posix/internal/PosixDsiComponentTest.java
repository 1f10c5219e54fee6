package org.gantry.dsi.posix.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gantry.dsi.api.Dsi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component publishes its DSI under the configured name, without a framework. */
class PosixDsiComponentTest {

    @TempDir
    Path temp;

    /** What a BundleContext stand-in saw. */
    private final List<Object[]> registrations = new ArrayList<>();
    private final List<String> unregistered = new ArrayList<>();

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                registrations.add(args);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (registration, call, callArgs) -> {
                            unregistered.add(call.getName());
                            return null;
                        });
            });

    /** A Config as DS would build it: given values, else the annotation defaults. */
    private static PosixDsiComponent.Config config(Map<String, Object> values) {
        return (PosixDsiComponent.Config) Proxy.newProxyInstance(PosixDsiComponentTest.class.getClassLoader(),
                new Class<?>[] {PosixDsiComponent.Config.class},
                (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void registersTheDsiWithConfiguredNameAndPosixType() throws Exception {
        Path root = temp.resolve("not/yet/there");
        PosixDsiComponent component = new PosixDsiComponent();

        component.activate(context, config(Map.of("name", "scratch", "root", root.toString())));
        try {
            assertEquals(1, registrations.size());
            Object[] registration = registrations.get(0);
            assertEquals(Dsi.class, registration[0]);
            assertSame(component.dsi(), registration[1]);
            Dictionary<?, ?> properties = (Dictionary<?, ?>) registration[2];
            assertEquals("scratch", properties.get(Dsi.NAME));
            assertEquals("posix", properties.get(Dsi.TYPE));
            assertTrue(Files.isDirectory(root), "the root is created");
        } finally {
            component.deactivate();
        }
        assertEquals(List.of("unregister"), unregistered);
    }

    @Test
    void defaultNameIsPosix() throws Exception {
        PosixDsiComponent component = new PosixDsiComponent();

        component.activate(context, config(Map.of("root", temp.toString())));
        component.deactivate();

        assertEquals("posix", ((Dictionary<?, ?>) registrations.get(0)[2]).get(Dsi.NAME));
    }

    @Test
    void missingRootPreventsActivation() {
        Map<String, Object> values = new HashMap<>();
        values.put("root", null);

        assertThrows(IllegalArgumentException.class,
                () -> new PosixDsiComponent().activate(context, config(values)));
        assertEquals(List.of(), registrations);
    }

    @Test
    void invalidFileModePreventsActivation() {
        assertThrows(IllegalArgumentException.class, () -> new PosixDsiComponent().activate(context,
                config(Map.of("root", temp.toString(), "fileMode", "rw-r--r--"))));
        assertEquals(List.of(), registrations);
    }
}
