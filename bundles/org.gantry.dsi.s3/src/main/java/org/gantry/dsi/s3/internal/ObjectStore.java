package org.gantry.dsi.s3.internal;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NotFoundException;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * The S3 calls the DSI makes, blocking, each with its failure translated for the DSI path it
 * serves ({@link S3Errors}). Callers run them on the instance's request threads.
 */
final class ObjectStore {

    /** Largest object a single CopyObject may copy. */
    static final long MAX_SINGLE_COPY = 5L << 30;
    private static final long COPY_PART = 512L << 20;

    private final S3Client s3;
    private final long singleCopyLimit;
    private final long copyPart;

    ObjectStore(S3Client s3) {
        this(s3, MAX_SINGLE_COPY, COPY_PART);
    }

    /** With other copy sizes, so that tests need no 5 GiB object to take the multipart path. */
    ObjectStore(S3Client s3, long singleCopyLimit, long copyPart) {
        this.s3 = s3;
        this.singleCopyLimit = singleCopyLimit;
        this.copyPart = copyPart;
    }

    /** The object's metadata, or empty if there is no object under exactly that key. */
    Optional<HeadObjectResponse> head(String path, S3Location at) throws DsiException {
        try {
            return Optional.of(S3Errors.call(path, () -> s3.headObject(b -> b.bucket(at.bucket()).key(at.key()))));
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    boolean bucketExists(String path, String bucket) throws DsiException {
        try {
            S3Errors.call(path, () -> s3.headBucket(b -> b.bucket(bucket)));
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }

    List<Bucket> buckets(String path) throws DsiException {
        return S3Errors.call(path, () -> s3.listBuckets().buckets());
    }

    void createBucket(String path, String bucket) throws DsiException {
        S3Errors.call(path, () -> s3.createBucket(b -> b.bucket(bucket)));
    }

    void deleteBucket(String path, String bucket) throws DsiException {
        S3Errors.call(path, () -> s3.deleteBucket(b -> b.bucket(bucket)));
    }

    /**
     * One page of keys under {@code prefix}: with a delimiter, deeper keys come back folded into
     * common prefixes (the "subdirectories").
     */
    ListObjectsV2Response list(String path, String bucket, String prefix, boolean delimited, String token, int max)
            throws DsiException {
        return S3Errors.call(path, () -> s3.listObjectsV2(b -> {
            b.bucket(bucket).prefix(prefix).maxKeys(max).continuationToken(token);
            if (delimited) {
                b.delimiter("/");
            }
        }));
    }

    void put(String path, S3Location at, byte[] data, int length, Map<String, String> metadata) throws DsiException {
        S3Errors.call(path, () -> s3.putObject(b -> b.bucket(at.bucket()).key(at.key()).metadata(metadata),
                body(data, length)));
    }

    /** {@code data[0, length)} as a body the SDK may read more than once (to sign it, to retry). */
    private static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length,
                "application/octet-stream");
    }

    void delete(String path, S3Location at) throws DsiException {
        S3Errors.call(path, () -> s3.deleteObject(b -> b.bucket(at.bucket()).key(at.key())));
    }

    /**
     * The bytes {@code [start, end)} of the object, failing if its ETag is no longer
     * {@code etag} (it was replaced since it was opened).
     */
    ResponseInputStream<GetObjectResponse> get(String path, S3Location at, long start, long end, String etag)
            throws DsiException {
        return S3Errors.call(path, () -> s3.getObject(b -> b.bucket(at.bucket()).key(at.key())
                .range("bytes=" + start + "-" + (end - 1)).ifMatch(etag)));
    }

    /**
     * Server-side copy, keeping the user metadata (the checksums); above S3's single-copy limit
     * as a multipart copy.
     */
    void copy(String path, S3Location from, S3Location to, long size) throws DsiException {
        if (size <= singleCopyLimit) {
            S3Errors.call(path, () -> s3.copyObject(b -> b.sourceBucket(from.bucket()).sourceKey(from.key())
                    .destinationBucket(to.bucket()).destinationKey(to.key()).metadataDirective(MetadataDirective.COPY)));
            return;
        }
        Map<String, String> metadata = head(path, from).orElseThrow(() -> new NotFoundException(path)).metadata();
        String uploadId = createMultipart(path, to, metadata);
        try {
            List<CompletedPart> parts = new java.util.ArrayList<>();
            for (long start = 0; start < size; start += copyPart) {
                int number = parts.size() + 1;
                long end = Math.min(size, start + copyPart) - 1;
                long first = start;
                String etag = S3Errors.call(path, () -> s3.uploadPartCopy(b -> b.sourceBucket(from.bucket())
                        .sourceKey(from.key()).destinationBucket(to.bucket()).destinationKey(to.key())
                        .uploadId(uploadId).partNumber(number).copySourceRange("bytes=" + first + "-" + end)))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            completeMultipart(path, to, uploadId, parts);
        } catch (DsiException | RuntimeException e) {
            abortMultipartQuietly(to, uploadId);
            throw e;
        }
    }

    String createMultipart(String path, S3Location at, Map<String, String> metadata) throws DsiException {
        return S3Errors.call(path, () -> s3.createMultipartUpload(b -> b.bucket(at.bucket()).key(at.key())
                .metadata(metadata).contentType("application/octet-stream"))).uploadId();
    }

    /** Uploads one part from {@code data[0, length)}; returns its ETag. */
    String uploadPart(String path, S3Location at, String uploadId, int number, byte[] data, int length)
            throws DsiException {
        return S3Errors.call(path, () -> s3.uploadPart(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId)
                .partNumber(number).contentLength((long) length), body(data, length))).eTag();
    }

    /** Makes the object visible from its parts (ascending); returns its ETag. */
    String completeMultipart(String path, S3Location at, String uploadId, List<CompletedPart> parts)
            throws DsiException {
        return S3Errors.call(path, () -> s3.completeMultipartUpload(b -> b.bucket(at.bucket()).key(at.key())
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)))).eTag();
    }

    /** Aborts an unfinished multipart upload so that none of its parts remain stored. */
    void abortMultipart(String path, S3Location at, String uploadId) throws DsiException {
        S3Errors.call(path, () -> s3.abortMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId)));
    }

    private void abortMultipartQuietly(S3Location at, String uploadId) {
        try {
            abortMultipart(at.key(), at, uploadId);
        } catch (DsiException ignored) {
            // The copy's own failure is the one to report.
        }
    }
}
