package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * What s3proxy does with checksums sent as headers (the SDK sends its default CRC32 so when
 * bodies are not aws-chunked): it checks them, and keeps them with the object, which a copy
 * loses. Trailer checksums: AwsChunkedUploadsTest.
 */
class S3ChecksumsTest extends AgainstS3Proxy {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWrongChecksumOrContentMd5IsBadDigest() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("part")).uploadId();
        String wrongMd5 = "AAAAAAAAAAAAAAAAAAAAAA==";

        List<S3Exception> refusals = List.of(
                assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("crc")
                        .checksumCRC32("AAAAAA=="), RequestBody.fromBytes(HELLO))),
                assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(bucket).key("md5")
                        .contentMD5(wrongMd5), RequestBody.fromBytes(HELLO))),
                assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket(bucket).key("part").uploadId(id)
                        .partNumber(1).contentMD5(wrongMd5), RequestBody.fromBytes(HELLO))));

        assertEquals(List.of("BadDigest", "BadDigest", "BadDigest"),
                refusals.stream().map(e -> e.awsErrorDetails().errorCode()).toList());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        assertEquals(List.of(), s3.listParts(b -> b.bucket(bucket).key("part").uploadId(id)).parts());
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("part").uploadId(id));
    }

    @Test
    void checksumsSentAsHeadersAreKeptWithTheObject() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("default"), RequestBody.fromBytes(HELLO));
        s3.putObject(b -> b.bucket(bucket).key("sha256").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(HELLO));

        HeadObjectResponse crc32 = headWithChecksums(bucket, "default");
        HeadObjectResponse sha256 = headWithChecksums(bucket, "sha256");

        assertEquals(base64(crc32Of(HELLO)), crc32.checksumCRC32(), "the SDK's default algorithm");
        assertEquals(ChecksumType.FULL_OBJECT, crc32.checksumType());
        assertEquals(base64(MessageDigest.getInstance("SHA-256").digest(HELLO)), sha256.checksumSHA256());
        assertNull(sha256.checksumCRC32());
    }

    @Test
    void aMultipartUploadGetsTheCompositeOfItsPartChecksums() {
        String bucket = newBucket();
        byte[] first = new byte[5 * 1024 * 1024];
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu")).uploadId();
        UploadPartResponse part1 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(id).partNumber(1),
                RequestBody.fromBytes(first));
        UploadPartResponse part2 = s3.uploadPart(b -> b.bucket(bucket).key("mpu").uploadId(id).partNumber(2),
                RequestBody.fromBytes(HELLO));

        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(part1.eTag()).checksumCRC32(part1.checksumCRC32()).build(),
                CompletedPart.builder().partNumber(2).eTag(part2.eTag()).checksumCRC32(part2.checksumCRC32()).build())));
        HeadObjectResponse head = headWithChecksums(bucket, "mpu");

        assertEquals(List.of(base64(crc32Of(first)), base64(crc32Of(HELLO))),
                List.of(part1.checksumCRC32(), part2.checksumCRC32()));
        // As on AWS: the CRC32 of the parts' CRC32s, and the number of parts.
        byte[] partChecksums = ByteBuffer.allocate(8).put(crc32Of(first)).put(crc32Of(HELLO)).array();
        assertEquals(base64(crc32Of(partChecksums)) + "-2", head.checksumCRC32());
        assertEquals(ChecksumType.COMPOSITE, head.checksumType());
    }

    @Test
    void copyObjectDropsTheStoredChecksum() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromBytes(HELLO));

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("k")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("new", "1")));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(bucket).destinationKey("copy"));

        // AWS keeps a full-object checksum through copies.
        assertNull(headWithChecksums(bucket, "k").checksumCRC32());
        assertNull(headWithChecksums(bucket, "copy").checksumCRC32());
    }

    private static HeadObjectResponse headWithChecksums(String bucket, String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
    }

    private static byte[] crc32Of(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
