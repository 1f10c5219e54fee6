package org.gantry.shell.internal;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigAdmin holding one configuration in memory; implements only what the shell uses
 * ({@code getConfiguration(pid, location)}, {@code getProperties}, {@code update}, {@code getPid}).
 * Like the real one, it hands out and stores copies of the properties.
 */
public final class FakeConfigAdmin {

    /** Current properties, or null while the configuration has never been updated. */
    public Dictionary<String, Object> properties;
    public int updates;
    public String requestedPid;
    public String requestedLocation = "not requested";

    public ConfigurationAdmin service() {
        return proxy(ConfigurationAdmin.class, (method, args) -> {
            if (method.equals("getConfiguration") && args.length == 2) {
                requestedPid = (String) args[0];
                requestedLocation = (String) args[1];
                return configuration(requestedPid);
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private Configuration configuration(String pid) {
        return proxy(Configuration.class, (method, args) -> {
            switch (method) {
                case "getPid":
                    return pid;
                case "getProperties":
                    return properties == null ? null : copy(properties);
                case "update":
                    if (args != null && args.length == 1) {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> props = (Dictionary<String, Object>) args[0];
                        properties = copy(props);
                        properties.put("service.pid", pid);
                        updates++;
                        return null;
                    }
                    throw new UnsupportedOperationException("update()");
                default:
                    throw new UnsupportedOperationException(method);
            }
        });
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> props) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(props.keys())) {
            copy.put(key, props.get(key));
        }
        return copy;
    }

    private interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (p, method, args) -> method.getDeclaringClass() == Object.class
                        ? objectMethod(p, method.getName(), args)
                        : handler.handle(method.getName(), args)));
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        return switch (name) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "fake";
        };
    }
}
