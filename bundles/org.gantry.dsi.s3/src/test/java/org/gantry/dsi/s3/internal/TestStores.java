package org.gantry.dsi.s3.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.gantry.testing.s3.S3ProxyServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One s3proxy process for a test class (files in a temporary directory), and S3 DSIs on fresh
 * buckets of it; registered as a static JUnit extension, it starts before the class's tests and
 * stops after them. Every DSI counts the S3 operations it sends, by name.
 */
final class TestStores implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    static final long MIB = 1L << 20;
    /** The production default: the tests see the retries a site gets. */
    static final int ATTEMPTS = 5;

    S3ProxyServer server;
    /** What each upload may keep on disk unless a test says otherwise. */
    static final long SPILL_LIMIT = 64 * MIB;
    private Path base;
    S3Client admin;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        base = Files.createTempDirectory("s3dsi-test");
        server = S3ProxyServer.start(base.resolve("s3proxy"));
        admin = S3Clients.create(settings("admin", Optional.empty(), 5 * MIB, 64 * MIB));
    }

    /** A bucket no other test uses, created empty. */
    String newBucket(String purpose) {
        String bucket = purpose + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        admin.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    S3Settings settings(String name, Optional<String> bucket, long partSize, long window) {
        return settings(name, bucket, partSize, window, SPILL_LIMIT);
    }

    S3Settings settings(String name, Optional<String> bucket, long partSize, long window, long spillLimit) {
        return new S3Settings(name, server.endpoint(), server.region(), bucket, true, server.accessKey(),
                server.secretKey(), partSize, window, 4, (int) MIB, 4, 16, ATTEMPTS, Duration.ofSeconds(60), true,
                base.resolve("spill"), spillLimit);
    }

    /** A DSI serving {@code bucket} (or all buckets, if empty), counting requests into {@code requests}. */
    CountedDsi dsi(Optional<String> bucket, long partSize, long window) {
        return dsi(bucket, partSize, window, SPILL_LIMIT);
    }

    CountedDsi dsi(Optional<String> bucket, long partSize, long window, long spillLimit) {
        RequestCounter counter = new RequestCounter();
        S3Settings settings = settings("test", bucket, partSize, window, spillLimit);
        return new CountedDsi(new S3Dsi(settings, S3Clients.create(settings, List.of(counter))), counter);
    }

    record CountedDsi(S3Dsi dsi, RequestCounter requests) {
    }

    /** Counts requests by operation name, e.g. {@code ListObjectsV2}, {@code UploadPart}. */
    static final class RequestCounter implements ExecutionInterceptor {
        private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
        }

        long count(String operation) {
            AtomicLong count = counts.get(operation);
            return count == null ? 0 : count.get();
        }

        void reset() {
            counts.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        admin.close();
        server.close();
        try (var all = Files.walk(base)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
