package org.gantry.security.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds {@link PasswordFileAuthenticator.Config} instances the way DS would: defaults plus overrides. */
final class TestConfigs {

    private TestConfigs() {
    }

    static PasswordFileAuthenticator.Config config(Map<String, Object> overrides) {
        return (PasswordFileAuthenticator.Config) Proxy.newProxyInstance(
                PasswordFileAuthenticator.Config.class.getClassLoader(),
                new Class<?>[] { PasswordFileAuthenticator.Config.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PasswordFileAuthenticator.Config.class;
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
