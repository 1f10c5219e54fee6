package org.gantry.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real server, started in-process without OSGi: the DSI registry and server components are
 * wired and driven through their DS life-cycle methods, as the DS runtime would.
 */
final class TestServer implements AutoCloseable {

    private static final AtomicLong SERVICE_IDS = new AtomicLong(100);

    final DsiRegistryComponent registry = new DsiRegistryComponent();
    final GridFtpServerComponent server;

    TestServer(TestConfig config, MemoryDsi... dsis) throws Exception {
        for (MemoryDsi dsi : dsis) {
            bind(dsi);
        }
        server = new GridFtpServerComponent(new TestAuthenticator(), registry);
        server.activate(config.build());
    }

    static TestServer withMemory(MemoryDsi dsi) throws Exception {
        return new TestServer(new TestConfig(), dsi);
    }

    long bind(MemoryDsi dsi) {
        long id = SERVICE_IDS.incrementAndGet();
        dsi.serviceId = id;
        registry.bindDsi(dsi, dsi.properties(id));
        return id;
    }

    void unbind(MemoryDsi dsi) {
        registry.unbindDsi(dsi, dsi.properties(dsi.serviceId));
    }

    void modify(TestConfig config) throws Exception {
        server.modified(config.build());
    }

    InetSocketAddress address() {
        return server.controlAddress();
    }

    TestFtpClient connect() throws IOException {
        return TestFtpClient.connect(address());
    }

    TestFtpClient login(String user) throws IOException {
        TestFtpClient c = connect();
        c.login(user, "secret");
        return c;
    }

    @Override
    public void close() {
        server.deactivate();
    }
}
