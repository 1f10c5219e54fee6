package org.gantry.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Path;

import org.gantry.testing.s3.S3ProxyServer;
import org.ops4j.pax.exam.Option;

/**
 * An s3proxy for a Pax Exam test, started in the test's own JVM while Pax Exam reads the
 * configuration (the container cannot start it: the launcher is no bundle), and described to the
 * container by system properties. Pax Exam runs no class-level code outside the container, so
 * the test stops the store by its {@value #PID} when done; {@link S3ProxyServer}'s shutdown hook
 * stops it if the run never gets there.
 */
final class S3ProxyForContainer {

    static final String ENDPOINT = "gantry.it.s3.endpoint";
    static final String REGION = "gantry.it.s3.region";
    static final String ACCESS_KEY = "gantry.it.s3.accessKey";
    static final String SECRET_KEY = "gantry.it.s3.secretKey";
    static final String DATA_DIRECTORY = "gantry.it.s3.dataDirectory";
    static final String PID = "gantry.it.s3.pid";

    private S3ProxyForContainer() {
    }

    /** Starts a store keeping its files in {@code base}; the options tell the container where it is. */
    static Option[] start(Path base) throws IOException {
        S3ProxyServer server = S3ProxyServer.start(TestData.emptyDirectory(base).resolve("data"));
        return new Option[] {
            systemProperty(ENDPOINT).value(server.endpoint().toString()),
            systemProperty(REGION).value(server.region()),
            systemProperty(ACCESS_KEY).value(server.accessKey()),
            systemProperty(SECRET_KEY).value(server.secretKey()),
            systemProperty(DATA_DIRECTORY).value(server.dataDirectory().toString()),
            systemProperty(PID).value(String.valueOf(server.pid())),
        };
    }
}
