package org.gantry.testing.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 operations the S3 DSI relies on, against s3proxy's filesystem store: each test states
 * what the server does, so a change of s3proxy shows here.
 */
class S3OperationsTest extends AgainstS3Proxy {

    /** S3's smallest non-last part. */
    private static final int MIN_PART = 5 * 1024 * 1024;

    @Test
    void headObjectReturnsTheUserMetadataOfPutObject() {
        String bucket = newBucket();
        Map<String, String> metadata = Map.of("gantry-adler32", "0a1b2c3d", "Mode", "644");
        s3.putObject(b -> b.bucket(bucket).key("dir/file").metadata(metadata), RequestBody.fromString("0123456789"));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/file"));

        // Names come back lower-cased, as from AWS: metadata travels in case-insensitive headers.
        assertEquals(Map.of("gantry-adler32", "0a1b2c3d", "mode", "644"), head.metadata());
        assertEquals(10L, head.contentLength());
    }

    @Test
    void rangedGetReturnsTheRangeClipsAtTheEndAndRefusesBeyondIt() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));

        var inside = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=2-5"));
        var clipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=8-100"));
        S3Exception beyond = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=20-30")));

        assertEquals("2345", inside.asUtf8String());
        assertEquals("bytes 2-5/10", inside.response().contentRange());
        assertEquals("89", clipped.asUtf8String());
        assertEquals("bytes 8-9/10", clipped.response().contentRange());
        assertEquals(416, beyond.statusCode());
    }

    @Test
    void delimiterListingShowsObjectsMarkersAndCommonPrefixes() {
        String bucket = newBucket();
        put(bucket, "d/", "");
        for (String key : List.of("d/1", "d/2", "d/sub/3", "top", "other/x")) {
            put(bucket, key, key);
        }

        ListObjectsV2Response root = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        ListObjectsV2Response d = s3.listObjectsV2(b -> b.bucket(bucket).prefix("d/").delimiter("/"));

        assertEquals(List.of("top"), keys(root));
        assertEquals(List.of("d/", "other/"), prefixes(root));
        assertEquals(List.of("d/", "d/1", "d/2"), keys(d), "the zero-length marker lists inside its own prefix");
        assertEquals(0L, d.contents().get(0).size());
        assertEquals(List.of("d/sub/"), prefixes(d));
        assertFalse(d.isTruncated());
    }

    @Test
    void listingPagesWithContinuationTokens() {
        String bucket = newBucket();
        put(bucket, "d/", "");
        for (String key : List.of("d/1", "d/2", "d/sub/3", "e")) {
            put(bucket, key, key);
        }

        List<String> withDelimiter = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix("d/").delimiter("/")
                    .maxKeys(1).continuationToken(continuation));
            withDelimiter.addAll(keys(page));
            withDelimiter.addAll(prefixes(page));
            pageSizes.add(page.keyCount());
            assertEquals(page.nextContinuationToken() != null, page.isTruncated());
            token = page.nextContinuationToken();
        } while (token != null);

        assertEquals(List.of("d/", "d/1", "d/2", "d/sub/"), withDelimiter);
        assertEquals(List.of(1, 1, 1, 1), pageSizes, "a common prefix counts as one key of a page");
        assertEquals(List.of("d/", "d/1", "d/2", "d/sub/3", "e"), allKeysInPagesOf(bucket, 2));
    }

    @Test
    void multipartUploadAssemblesPartsSentOutOfOrder() {
        String bucket = newBucket();
        byte[][] parts = {randomBytes(1, MIN_PART), randomBytes(2, MIN_PART), randomBytes(3, 1000)};
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big").metadata(Map.of("origin", "mpu")))
                .uploadId();

        String eTag3 = uploadPart(bucket, "big", id, 3, parts[2]);
        String eTag1 = uploadPart(bucket, "big", id, 1, parts[0]);
        String eTag2 = uploadPart(bucket, "big", id, 2, parts[1]);
        List<Part> listed = s3.listParts(b -> b.bucket(bucket).key("big").uploadId(id)).parts();
        String eTag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(id)
                .multipartUpload(m -> m.parts(part(1, eTag1), part(2, eTag2), part(3, eTag3)))).eTag();

        assertEquals(List.of(1, 2, 3), listed.stream().map(Part::partNumber).toList());
        assertEquals(List.of((long) MIN_PART, (long) MIN_PART, 1000L), listed.stream().map(Part::size).toList());
        assertArrayEquals(concat(parts), s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray());
        assertTrue(eTag.endsWith("-3\""), "a multipart ETag names its part count: " + eTag);
        assertEquals(Map.of("origin", "mpu"), s3.headObject(b -> b.bucket(bucket).key("big")).metadata());
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads());
    }

    @Test
    void nonLastPartBelowFiveMibIsEntityTooSmallAndLeavesTheUploadOpen() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("small")).uploadId();
        String eTag1 = uploadPart(bucket, "small", id, 1, bytes("aaa"));
        String eTag2 = uploadPart(bucket, "small", id, 2, bytes("bbb"));

        S3Exception refused = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("small").uploadId(id).multipartUpload(m -> m.parts(part(1, eTag1), part(2, eTag2)))));

        assertEquals(400, refused.statusCode());
        assertEquals("EntityTooSmall", refused.awsErrorDetails().errorCode());
        assertEquals(List.of(id), uploadIds(bucket), "the refused upload can still be aborted");
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("small").uploadId(id));
        assertEquals(List.of(), allKeysInPagesOf(bucket, 1000));
    }

    @Test
    void aSingleSmallPartIsAWholeObject() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("one")).uploadId();
        String eTag = uploadPart(bucket, "one", id, 1, bytes("abc"));

        s3.completeMultipartUpload(b -> b.bucket(bucket).key("one").uploadId(id)
                .multipartUpload(m -> m.parts(part(1, eTag))));

        assertEquals("abc", s3.getObjectAsBytes(b -> b.bucket(bucket).key("one")).asUtf8String());
    }

    @Test
    void unfinishedUploadsAreListedUntilAborted() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("dir/partial")).uploadId();
        uploadPart(bucket, "dir/partial", id, 1, bytes("part"));

        List<String> underDir = s3.listMultipartUploads(b -> b.bucket(bucket).prefix("dir/")).uploads().stream()
                .map(MultipartUpload::key).toList();
        List<String> underOther = s3.listMultipartUploads(b -> b.bucket(bucket).prefix("other/")).uploads().stream()
                .map(MultipartUpload::key).toList();
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("dir/partial").uploadId(id));

        assertEquals(List.of("dir/partial"), underDir);
        assertEquals(List.of(), underOther);
        assertEquals(List.of(), uploadIds(bucket));
        assertEquals(List.of(), allKeysInPagesOf(bucket, 1000), "neither parts nor an object are left");
        S3Exception gone = assertThrows(S3Exception.class,
                () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("dir/partial").uploadId(id)));
        assertEquals("NoSuchUpload", gone.awsErrorDetails().errorCode());
    }

    @Test
    void completeWithAWrongPartETagIsInvalidPart() {
        String bucket = newBucket();
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        uploadPart(bucket, "k", id, 1, bytes("a"));

        S3Exception refused = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).multipartUpload(m -> m.parts(part(1, "\"0123456789abcdef0123456789abcdef\"")))));

        assertEquals("InvalidPart", refused.awsErrorDetails().errorCode());
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id));
    }

    @Test
    void copyObjectReplacesMetadataInPlaceAndOntoAnotherKey() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src").metadata(Map.of("old", "1")), RequestBody.fromString("payload"));

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("new", "2")));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("other", "3")));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("kept"));

        assertEquals(Map.of("new", "2"), s3.headObject(b -> b.bucket(bucket).key("src")).metadata());
        assertEquals("payload", s3.getObjectAsBytes(b -> b.bucket(bucket).key("src")).asUtf8String());
        assertEquals(Map.of("other", "3"), s3.headObject(b -> b.bucket(bucket).key("dst")).metadata());
        assertEquals("payload", s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asUtf8String());
        assertEquals(Map.of("new", "2"), s3.headObject(b -> b.bucket(bucket).key("kept")).metadata(),
                "without REPLACE a copy carries the source's metadata");
    }

    @Test
    void uploadPartCopyAssemblesAnObjectFromRangesOfAnother() {
        String bucket = newBucket();
        byte[] source = randomBytes(4, MIN_PART + 1234);
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromBytes(source));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("copy")).uploadId();

        String eTag1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("copy").uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (MIN_PART - 1)))
                .copyPartResult().eTag();
        String eTag2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("copy").uploadId(id).partNumber(2)
                .copySourceRange("bytes=" + MIN_PART + "-" + (source.length - 1))).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("copy").uploadId(id)
                .multipartUpload(m -> m.parts(part(1, eTag1), part(2, eTag2))));

        assertArrayEquals(source, s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy")).asByteArray());
    }

    @Test
    void deleteObjectsRemovesABatchAndReportsMissingKeysAsDeleted() {
        String bucket = newBucket();
        for (String key : List.of("a", "b", "c")) {
            put(bucket, key, key);
        }

        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").build(), ObjectIdentifier.builder().key("b").build(),
                ObjectIdentifier.builder().key("never-there").build())));

        assertEquals(List.of("a", "b", "never-there"),
                response.deleted().stream().map(DeletedObject::key).sorted().toList());
        assertEquals(List.of(), response.errors());
        assertEquals(List.of("c"), allKeysInPagesOf(bucket, 1000));
    }

    @Test
    void emptiedImplicitDirectoriesDisappearAndAMarkerGoesAlone() {
        String bucket = newBucket();
        put(bucket, "implicit/x", "x");
        put(bucket, "marked/", "");
        put(bucket, "marked/y", "y");

        s3.deleteObject(b -> b.bucket(bucket).key("implicit/x"));
        s3.deleteObject(b -> b.bucket(bucket).key("marked/"));

        assertEquals(List.of("marked/"), prefixes(s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"))));
        assertEquals(List.of("marked/y"), allKeysInPagesOf(bucket, 1000));
    }

    @Test
    void ifNoneMatchStarRefusesToOverwrite() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("first"));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String eTag = uploadPart(bucket, "k", id, 1, bytes("third"));

        S3Exception put = assertThrows(S3Exception.class,
                () -> s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("second")));
        S3Exception complete = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(bucket)
                .key("k").uploadId(id).ifNoneMatch("*").multipartUpload(m -> m.parts(part(1, eTag)))));

        assertEquals(412, put.statusCode());
        assertEquals(412, complete.statusCode());
        assertEquals("first", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id));
    }

    @Test
    void missingKeysAndBucketsHaveTheirS3Errors() {
        String bucket = newBucket();

        S3Exception head = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("nope")));
        S3Exception get = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("nope")));
        S3Exception noBucket = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("no-bucket").key("k")));
        put(bucket, "k", "k");
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket(bucket)));

        assertEquals(404, head.statusCode());
        assertEquals("NoSuchKey", get.awsErrorDetails().errorCode());
        assertEquals("NoSuchBucket", noBucket.awsErrorDetails().errorCode());
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
    }

    @Test
    void keysWithSpacesUnicodeAndUrlSyntaxRoundTrip() {
        String bucket = newBucket();
        List<String> keys = List.of("sp ace/\u00fc+%25&=?#x", "-dash", ".hidden", "back\\slash", "trailing space ");
        for (String key : keys) {
            put(bucket, key, key);
        }

        for (String key : keys) {
            assertEquals(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        }
        assertEquals(keys.stream().sorted().toList(), allKeysInPagesOf(bucket, 1000));
    }

    private static String uploadPart(String bucket, String key, String uploadId, int number, byte[] content) {
        return s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(content)).eTag();
    }

    private static CompletedPart part(int number, String eTag) {
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    private static List<String> uploadIds(String bucket) {
        return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                .map(MultipartUpload::uploadId).toList();
    }

    /** Every key of the bucket, collected over pages of {@code pageSize}. */
    private static List<String> allKeysInPagesOf(String bucket, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(pageSize)
                    .continuationToken(continuation));
            assertTrue(page.keyCount() <= pageSize);
            keys.addAll(keys(page));
            token = page.nextContinuationToken();
        } while (token != null);
        return keys;
    }

    private static List<String> keys(ListObjectsV2Response page) {
        return page.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response page) {
        return page.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
