package org.gantry.core.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link GridFtpServerComponent.Config} the way DS would: the annotation defaults,
 * overridden by the given properties. Tests listen on 127.0.0.1, an ephemeral port.
 */
final class TestConfig {

    private final Map<String, Object> values = new HashMap<>();

    TestConfig() {
        values.put("port", 0);
        values.put("listenAddress", "127.0.0.1");
        values.put("mounts", new String[] { "/=mem" });
    }

    TestConfig set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    GridFtpServerComponent.Config build() {
        Map<String, Object> snapshot = new HashMap<>(values);
        return (GridFtpServerComponent.Config) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] { GridFtpServerComponent.Config.class }, (proxy, method, args) -> {
                    if (snapshot.containsKey(method.getName())) {
                        return snapshot.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> GridFtpServerComponent.Config.class;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "TestConfig" + snapshot;
                    };
                });
    }
}
