package org.gantry.dsi.api;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Who a session is for.
 *
 * @param user          the local user name the client was mapped to
 * @param subject       the client's X.509 distinguished name, when authenticated by certificate
 * @param clientAddress the control connection's remote address
 * @param readOnly      the user may not modify anything
 * @param credential    a delegated credential, when the client delegated one (GSI); opaque here
 * @param attributes    further facts the core learned (e.g. {@code appname} from SITE CLIENTINFO)
 */
public record SessionContext(
        String user,
        Optional<String> subject,
        InetSocketAddress clientAddress,
        boolean readOnly,
        Optional<Object> credential,
        Map<String, String> attributes) {

    public SessionContext {
        attributes = Map.copyOf(attributes);
    }
}
