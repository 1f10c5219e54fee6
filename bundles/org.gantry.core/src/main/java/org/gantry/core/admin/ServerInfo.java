package org.gantry.core.admin;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/** Facts about the running server that tools and tests need, such as the port actually bound. */
@ProviderType
public interface ServerInfo {

    /**
     * The address the control channel listens on, with the port really bound (also when the
     * configured port is 0, which asks for an ephemeral port).
     */
    InetSocketAddress controlAddress();
}
