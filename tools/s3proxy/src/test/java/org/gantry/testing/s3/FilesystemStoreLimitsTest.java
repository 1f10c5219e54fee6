package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where s3proxy's filesystem store is not AWS S3: keys are file-system paths. The S3 DSI must
 * not depend on these answers either way; they are pinned here so that nobody is surprised.
 */
class FilesystemStoreLimitsTest extends AgainstS3Proxy {

    @Test
    void aKeyAndAKeyBelowItCannotBothExist() {
        String bucket = newBucket();
        put(bucket, "file", "x");
        put(bucket, "dir/child", "y");

        // AWS stores both; the store fails on the file system ("Not a directory").
        assertRefused(() -> put(bucket, "file/child", "z"));
        assertRefused(() -> put(bucket, "dir", "z"));

        assertEquals(List.of("dir/child", "file"), keys(bucket));
    }

    @Test
    void keysAreNormalisedAsPaths() {
        String bucket = newBucket();
        put(bucket, "a//b", "double slash");
        put(bucket, "./dot", "dot segment");

        assertRefused(() -> put(bucket, "x/../y", "z"));

        assertEquals(List.of("a/b", "dot"), keys(bucket));
        assertEquals("double slash", get(bucket, "a/b"));
        assertEquals("dot segment", get(bucket, "dot"));
    }

    @Test
    void completeAcceptsADescendingPartList() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        byte[] first = new byte[5 * 1024 * 1024];
        String eTag1 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String eTag2 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(2),
                RequestBody.fromString("last")).eTag();

        // AWS refuses this with InvalidPartOrder.
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(2).eTag(eTag2).build(),
                CompletedPart.builder().partNumber(1).eTag(eTag1).build())));

        assertEquals(first.length + 4L, s3.headObject(b -> b.bucket(bucket).key("k")).contentLength());
    }

    @Test
    void aPartForAnAbortedUploadIsAcceptedAndLeftOnDisk() throws IOException {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id));

        // AWS answers NoSuchUpload; here the part is stored, though nothing can complete it.
        s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1), RequestBody.fromString("late"));
        S3Exception complete = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))));

        assertEquals("NoSuchUpload", complete.awsErrorDetails().errorCode());
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads());
        assertEquals(List.of(), keys(bucket));
        assertEquals(1, filesNaming(server.dataDirectory().resolve(bucket), id), "an orphaned part file");
    }

    /**
     * The store fails such a request with 500 InternalError (the SDK retries it twice), or closes
     * the connection while the SDK still sends the body: either way an SdkException.
     */
    private static void assertRefused(Executable request) {
        SdkException refused = assertThrows(SdkException.class, request);
        if (refused instanceof S3Exception answered) {
            assertEquals(500, answered.statusCode());
        }
    }

    private static String get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static long filesNaming(Path directory, String text) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().contains(text)).count();
        }
    }
}
