package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What s3proxy makes of the SDK's checksums: since 2.30 the SDK sends a CRC32 trailer with every
 * upload by default, which older S3 look-alikes refuse. s3proxy accepts it, checks checksums and
 * Content-MD5 it is given, and stores none.
 */
class S3ChecksumsTest extends AgainstS3Proxy {

    private static final String SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_CHUNKS_WITH_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

    @Test
    void sdkDefaultsSendACrc32TrailerThatTheServerAccepts() {
        String bucket = newBucket();
        RecordedUploads recorded = new RecordedUploads();
        try (S3Client client = S3Clients.withSdkDefaults(server, recorded)) {
            uploadBothWays(client, bucket);
        }

        assertEquals(List.of(SIGNED_CHUNKS_WITH_TRAILER + " x-amz-checksum-crc32",
                SIGNED_CHUNKS_WITH_TRAILER + " x-amz-checksum-crc32"), recorded.uploads);
        assertContents(bucket);
    }

    @Test
    void checksumsWhenRequiredSendSignedChunksWithoutTrailer() {
        String bucket = newBucket();
        RecordedUploads recorded = new RecordedUploads();
        try (S3Client client = S3Clients.checksumsWhenRequired(server, recorded)) {
            uploadBothWays(client, bucket);
        }

        assertEquals(List.of(SIGNED_CHUNKS + " -", SIGNED_CHUNKS + " -"), recorded.uploads);
        assertContents(bucket);
    }

    @Test
    void aWrongChecksumOrContentMd5IsBadDigest() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("part")).uploadId();
        String wrongMd5 = "AAAAAAAAAAAAAAAAAAAAAA==";

        List<S3Exception> refusals = List.of(
                assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("crc")
                        .checksumCRC32("AAAAAA=="), RequestBody.fromString("hello"))),
                assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("md5")
                        .contentMD5(wrongMd5), RequestBody.fromString("hello"))),
                assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket(bucket).key("part").uploadId(id)
                        .partNumber(1).contentMD5(wrongMd5), RequestBody.fromString("hello"))));

        assertEquals(List.of("BadDigest", "BadDigest", "BadDigest"),
                refusals.stream().map(e -> e.awsErrorDetails().errorCode()).toList());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        assertEquals(List.of(), s3.listParts(b -> b.bucket(bucket).key("part").uploadId(id)).parts());
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("part").uploadId(id));
    }

    @Test
    void noChecksumIsStoredForHeadObjectToReturn() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("hello"));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));

        assertNull(head.checksumCRC32());
        assertNull(head.checksumCRC64NVME());
        assertNull(head.checksumType());
    }

    private static void uploadBothWays(S3Client client, String bucket) {
        client.putObject(b -> b.bucket(bucket).key("put"), RequestBody.fromString("put body"));
        String id = client.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
        String eTag = client.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(id).partNumber(1),
                RequestBody.fromString("part body")).eTag();
        client.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
    }

    private static void assertContents(String bucket) {
        assertEquals(Map.of("put", "put body", "mpu", "part body"), Map.of(
                "put", s3.getObjectAsBytes(b -> b.bucket(bucket).key("put")).asUtf8String(),
                "mpu", s3.getObjectAsBytes(b -> b.bucket(bucket).key("mpu")).asUtf8String()));
    }

    /**
     * Payload signing and trailer of each PUT that carries object data, as sent: once per call,
     * as the SDK retries some PUTs (see ConnectionReuseTest).
     */
    private static final class RecordedUploads implements ExecutionInterceptor {
        final List<String> uploads = new CopyOnWriteArrayList<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            if (request.method().name().equals("PUT")) {
                uploads.add(request.firstMatchingHeader("x-amz-content-sha256").orElse("-") + " "
                        + request.firstMatchingHeader("x-amz-trailer").orElse("-"));
            }
        }
    }
}
