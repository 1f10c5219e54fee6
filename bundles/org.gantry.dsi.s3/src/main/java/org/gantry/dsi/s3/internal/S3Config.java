package org.gantry.dsi.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of one S3 DSI instance (factory PID {@code org.gantry.dsi.s3}). */
@ObjectClassDefinition(name = "Gantry S3 DSI",
        description = "Buckets and object keys of an S3-compatible object store as a GridFTP namespace.")
public @interface S3Config {

    @AttributeDefinition(name = "Name",
            description = "Instance name that mounts refer to (service property gantry.dsi.name).")
    String name() default "s3";

    @AttributeDefinition(name = "Endpoint",
            description = "The S3 service's URL, e.g. https://s3.example.org or http://127.0.0.1:9000.")
    String endpoint();

    @AttributeDefinition(name = "Region", description = "Signing region; most S3-compatible stores accept us-east-1.")
    String region() default "us-east-1";

    @AttributeDefinition(name = "Bucket", required = false,
            description = "Serve this one bucket as the DSI's root. Empty: bucket-per-directory mode, the root lists "
                    + "the buckets and each top-level directory is a bucket.")
    String bucket() default "";

    @AttributeDefinition(name = "Path-style access",
            description = "Address buckets as endpoint/bucket (most on-site stores) instead of bucket.endpoint.")
    boolean pathStyle() default true;

    @AttributeDefinition(name = "Access key")
    String accessKey();

    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD)
    String secretKey();

    @AttributeDefinition(name = "Part size (MiB)", min = "5", max = "5120",
            description = "Multipart upload part size. Raised per upload when ALLO announces a file that would need "
                    + "more than 10,000 parts. Files up to this size are stored with a single PUT.")
    int partSizeMiB() default 8;

    @AttributeDefinition(name = "Upload window (MiB)", min = "10",
            description = "Most memory one upload holds for parts that are incomplete or on their way; when it is "
                    + "used up, the upload stops reading from the data channel until a part is stored. At least two "
                    + "parts are always allowed.")
    int uploadWindowMiB() default 64;

    @AttributeDefinition(name = "Spill directory", required = false,
            description = "Where an upload's blocks wait on disk while their part has no room in memory (parallel "
                    + "streams deliver the newest bytes long before the oldest). Empty: data/tmp/gantry-s3-NAME "
                    + "below Karaf's data directory.")
    String spillDirectory() default "";

    @AttributeDefinition(name = "Spill limit (MiB)", min = "0",
            description = "Most bytes one upload keeps in the spill directory; beyond it the upload waits for room, "
                    + "and fails if nothing can make room.")
    int spillLimitMiB() default 4096;

    @AttributeDefinition(name = "Parallel part uploads", min = "1", description = "Per upload.")
    int uploadConcurrency() default 4;

    @AttributeDefinition(name = "Read chunk (MiB)", min = "1", description = "Size of each ranged GET when reading.")
    int readChunkMiB() default 8;

    @AttributeDefinition(name = "Parallel ranged reads", min = "1",
            description = "Ranged GETs one download keeps in flight ahead of the data channel.")
    int readConcurrency() default 4;

    @AttributeDefinition(name = "Request threads", min = "2",
            description = "Threads shared by all sessions of this instance for S3 requests.")
    int ioThreads() default 32;

    @AttributeDefinition(name = "Payload checksums",
            description = "Send a CRC32 of every PUT and part, which the store verifies. Switch off only for a store "
                    + "that refuses the SDK's checksum trailers.")
    boolean payloadChecksums() default true;

    @AttributeDefinition(name = "Attempts per request", min = "1",
            description = "Including retries of throttling (503 SlowDown), server errors and connection resets, "
                    + "with the SDK's backoff.")
    int maxAttempts() default 5;

    @AttributeDefinition(name = "Request timeout (seconds)", min = "1",
            description = "How long one S3 call, retries included, may take before the operation fails.")
    int requestTimeoutSeconds() default 120;

    String webconsole_configurationFactory_nameHint() default "S3 DSI {name} ({endpoint} {bucket})";
}
