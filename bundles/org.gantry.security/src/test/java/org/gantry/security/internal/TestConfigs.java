package org.gantry.security.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds {@link SecurityConfig} instances the way DS would: defaults plus overrides. */
final class TestConfigs {

    private TestConfigs() {
    }

    static SecurityConfig config(Map<String, Object> overrides) {
        return (SecurityConfig) Proxy.newProxyInstance(
                SecurityConfig.class.getClassLoader(),
                new Class<?>[] { SecurityConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return SecurityConfig.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "Config" + overrides
                                : method.invoke(overrides, args);
                    }
                    return overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }
}
