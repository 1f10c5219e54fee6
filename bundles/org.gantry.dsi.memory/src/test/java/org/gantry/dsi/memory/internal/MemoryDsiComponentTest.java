package org.gantry.dsi.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.SessionContext;
import org.gantry.dsi.testkit.DsiContractSupport;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component publishes its DSI under the configured name and keeps content across changes. */
class MemoryDsiComponentTest {

    /** Service properties of each registration, and how many were unregistered. */
    private final List<Dictionary<?, ?>> registered = new ArrayList<>();
    private final List<Object> services = new ArrayList<>();
    private int unregistered;

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                services.add(args[1]);
                registered.add((Dictionary<?, ?>) args[2]);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class},
                        (registration, call, callArgs) -> {
                            unregistered++;
                            return null;
                        });
            });

    /** A Config as DS would build it: given values, else the annotation defaults. */
    private static MemoryDsiComponent.Config config(Map<String, Object> values) {
        return (MemoryDsiComponent.Config) Proxy.newProxyInstance(MemoryDsiComponentTest.class.getClassLoader(),
                new Class<?>[] {MemoryDsiComponent.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void registersWithDefaultNameMemoryAndDefaultCapacity() {
        MemoryDsiComponent component = new MemoryDsiComponent();

        component.activate(context, config(Map.of()));

        assertEquals("memory", registered.get(0).get(Dsi.NAME));
        assertEquals("memory", registered.get(0).get(Dsi.TYPE));
        assertSame(component.dsi(), services.get(0));
        assertEquals(268435456L, component.dsi().availableBytes());
        component.deactivate();
        assertEquals(1, unregistered);
    }

    @Test
    void newCapacityAppliesInPlaceAndKeepsContent() throws Exception {
        MemoryDsiComponent component = new MemoryDsiComponent();
        component.activate(context, config(Map.of("name", "bench", "capacity", 1000L)));
        DsiSession session = DsiContractSupport.await(component.dsi().openSession(
                new SessionContext("user", Optional.empty(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        false, Optional.empty(), Map.of())));
        DsiContractSupport.await(session.mkdir("/kept"));

        component.modified(config(Map.of("name", "bench", "capacity", 5000L)));

        assertEquals(1, registered.size(), "same name: no re-registration");
        assertEquals(5000L, component.dsi().availableBytes());
        DsiContractSupport.await(session.stat("/kept", true));
        component.deactivate();
    }

    @Test
    void newNameReRegistersTheSameDsi() {
        MemoryDsiComponent component = new MemoryDsiComponent();
        component.activate(context, config(Map.of("name", "one")));

        component.modified(config(Map.of("name", "two")));

        assertEquals(1, unregistered);
        assertEquals("two", registered.get(1).get(Dsi.NAME));
        assertSame(services.get(0), services.get(1));
        component.deactivate();
    }

    @Test
    void negativeCapacityPreventsActivation() {
        assertThrows(IllegalArgumentException.class,
                () -> new MemoryDsiComponent().activate(context, config(Map.of("capacity", -1L))));
        assertEquals(List.of(), registered);
    }
}
