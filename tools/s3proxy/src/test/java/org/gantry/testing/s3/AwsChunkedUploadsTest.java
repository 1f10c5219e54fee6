package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * s3proxy accepts the SDK's aws-chunked uploads: signed chunks, and since SDK 2.30 by default a
 * CRC32 trailer as well, which older S3 look-alikes refuse. Each test has a server of its own:
 * the connections such uploads break (see ConnectionReuseTest) stay in the JVM's keep-alive
 * cache for that server, and a few more would outlast the SDK's three attempts.
 */
class AwsChunkedUploadsTest {

    private static final String SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_CHUNKS_WITH_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String BUCKET = "chunked";

    @TempDir
    Path work;

    private S3ProxyServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = S3ProxyServer.start(work.resolve("data"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sdkDefaultsSendACrc32TrailerThatTheServerAccepts() {
        RecordedUploads recorded = new RecordedUploads();
        try (S3Client client = S3Clients.withSdkDefaults(server, recorded)) {
            uploadBothWays(client);

            assertEquals(List.of(SIGNED_CHUNKS_WITH_TRAILER + " x-amz-checksum-crc32",
                    SIGNED_CHUNKS_WITH_TRAILER + " x-amz-checksum-crc32"), recorded.uploads);
            assertContents(client);
            // Unlike a checksum sent as a header (S3ChecksumsTest), a trailer's is not kept.
            assertNull(client.headObject(b -> b.bucket(BUCKET).key("put").checksumMode(ChecksumMode.ENABLED))
                    .checksumCRC32());
        }
    }

    @Test
    void checksumsWhenRequiredSendSignedChunksWithoutTrailer() {
        RecordedUploads recorded = new RecordedUploads();
        try (S3Client client = S3Clients.checksumsWhenRequired(server, recorded)) {
            uploadBothWays(client);

            assertEquals(List.of(SIGNED_CHUNKS + " -", SIGNED_CHUNKS + " -"), recorded.uploads);
            assertContents(client);
        }
    }

    private static void uploadBothWays(S3Client client) {
        client.createBucket(b -> b.bucket(BUCKET));
        client.putObject(b -> b.bucket(BUCKET).key("put"), RequestBody.fromString("put body"));
        String id = client.createMultipartUpload(b -> b.bucket(BUCKET).key("mpu")).uploadId();
        String eTag = client.uploadPart(b -> b.bucket(BUCKET).key("mpu").uploadId(id).partNumber(1),
                RequestBody.fromString("part body")).eTag();
        client.completeMultipartUpload(b -> b.bucket(BUCKET).key("mpu").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
    }

    private static void assertContents(S3Client client) {
        assertEquals(Map.of("put", "put body", "mpu", "part body"), Map.of(
                "put", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("put")).asUtf8String(),
                "mpu", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("mpu")).asUtf8String()));
    }

    /**
     * Payload signing and trailer of each object upload (PUT with a body), as sent: once per
     * call, as the SDK may retry a PUT.
     */
    private static final class RecordedUploads implements ExecutionInterceptor {
        final List<String> uploads = new CopyOnWriteArrayList<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            String payload = request.firstMatchingHeader("x-amz-content-sha256").orElse("-");
            if (request.method().name().equals("PUT") && payload.startsWith("STREAMING")) {
                uploads.add(payload + " " + request.firstMatchingHeader("x-amz-trailer").orElse("-"));
            }
        }
    }
}
