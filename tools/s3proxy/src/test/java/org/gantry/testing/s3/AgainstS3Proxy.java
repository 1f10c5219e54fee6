package org.gantry.testing.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One real s3proxy per test class, an SDK client that sends bodies whole ({@link
 * S3Clients#plainBodies}), and a fresh bucket per test. A failed test prints the end of the
 * server's log, where s3proxy puts its stack traces.
 */
abstract class AgainstS3Proxy {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path work;

    static S3ProxyServer server;
    static S3Client s3;

    @RegisterExtension
    final TestWatcher serverLogOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.err.println("--- last lines of " + server.logFile() + " ---\n" + logTail(40));
        }
    };

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.start(work.resolve("data"));
        s3 = S3Clients.plainBodies(server);
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Creates an empty bucket with a name no other test uses. */
    static String newBucket() {
        String bucket = "bucket-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Stores {@code content} as the object {@code key}. */
    static void put(String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(server.logFile(), StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }
}
