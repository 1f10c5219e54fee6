package org.gantry.dsi.s3.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The validated settings of one instance. {@link #toString()} leaves the secret key out, so the
 * settings may be logged.
 */
record S3Settings(
        String name,
        URI endpoint,
        String region,
        Optional<String> bucket,
        boolean pathStyle,
        String accessKey,
        String secretKey,
        long partSize,
        long uploadWindow,
        int uploadConcurrency,
        int readChunk,
        int readConcurrency,
        int ioThreads,
        int maxAttempts,
        Duration requestTimeout,
        boolean payloadChecksums,
        Path spillDirectory,
        long spillLimit) {

    static final long MIB = 1L << 20;
    /** S3's smallest part other than the last. */
    static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest part. */
    static final long MAX_PART_SIZE = 5L << 30;

    static S3Settings from(S3Config config) {
        String name = config.name() == null ? "" : config.name().trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("S3 DSI name '" + config.name() + "' must be letters, digits, . _ -");
        }
        URI endpoint = URI.create(required(config.endpoint(), "endpoint"));
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' must be a URL such as http://host:port");
        }
        long partSize = Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, config.partSizeMiB() * MIB));
        String bucket = config.bucket() == null ? "" : config.bucket().trim();
        return new S3Settings(name, endpoint, required(config.region(), "region"),
                bucket.isEmpty() ? Optional.empty() : Optional.of(bucket), config.pathStyle(),
                required(config.accessKey(), "accessKey"), required(config.secretKey(), "secretKey"),
                partSize, Math.max(2 * partSize, config.uploadWindowMiB() * MIB), Math.max(1, config.uploadConcurrency()),
                (int) Math.min(256 * MIB, Math.max(MIB, config.readChunkMiB() * MIB)), Math.max(1, config.readConcurrency()),
                Math.max(2, config.ioThreads()), Math.max(1, config.maxAttempts()),
                Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds())), config.payloadChecksums(),
                spillDirectory(config.spillDirectory(), name), Math.max(0, config.spillLimitMiB()) * MIB);
    }

    private static Path spillDirectory(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = System.getProperty("karaf.data", System.getProperty("java.io.tmpdir"));
        return Path.of(data, "tmp", "gantry-s3-" + name);
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("S3 DSI setting '" + key + "' is required");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "S3Settings[name=" + name + ", endpoint=" + endpoint + ", region=" + region + ", bucket="
                + bucket.orElse("(one per top-level directory)") + ", pathStyle=" + pathStyle + ", accessKey="
                + accessKey + ", partSize=" + partSize + ", uploadWindow=" + uploadWindow + "]";
    }
}
