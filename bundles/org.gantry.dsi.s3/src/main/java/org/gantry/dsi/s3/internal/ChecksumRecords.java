package org.gantry.dsi.s3.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.support.ChecksumAlgorithm;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where checksums live. S3 takes user metadata only when an object is created: a single-PUT
 * object carries its checksums in its own metadata ({@code x-amz-meta-gantry-adler32}, ...). A
 * multipart object is created before its data (and so its checksums) is known, and a computed
 * checksum of a foreign object must not rewrite that object; both go to a record object under
 * {@value ObjectPaths#RESERVED}/ in the same bucket, whose metadata holds the checksums and the
 * ETag of the object they describe. A record whose ETag no longer matches is ignored.
 */
final class ChecksumRecords {

    private static final String PREFIX = "gantry-";
    private static final String ETAG = "gantry-etag";

    private final ObjectStore store;

    ChecksumRecords(ObjectStore store) {
        this.store = store;
    }

    /** User metadata holding {@code checksums}. */
    static Map<String, String> metadata(List<Checksum> checksums) {
        Map<String, String> metadata = new HashMap<>();
        for (Checksum c : checksums) {
            metadata.put(PREFIX + c.algorithm().toLowerCase(Locale.ROOT), c.value());
        }
        return metadata;
    }

    /** The checksums in an object's (or record's) user metadata. */
    static List<Checksum> fromMetadata(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX) && !e.getKey().equals(ETAG))
                .map(e -> e.getKey().substring(PREFIX.length()).toUpperCase(Locale.ROOT))
                .filter(token -> ChecksumAlgorithm.NAMES.contains(token))
                .map(token -> new Checksum(token, metadata.get(PREFIX + token.toLowerCase(Locale.ROOT))))
                .sorted(java.util.Comparator.comparing(Checksum::algorithm))
                .toList();
    }

    /** A stored whole-object value of {@code algorithm} for the object as {@code head} describes it. */
    Optional<String> find(String path, S3Location at, HeadObjectResponse head, String algorithm) throws DsiException {
        Optional<String> own = value(fromMetadata(head.metadata()), algorithm);
        if (own.isPresent()) {
            return own;
        }
        Optional<HeadObjectResponse> record = store.head(path, recordOf(at));
        if (record.isEmpty() || !head.eTag().equals(record.get().metadata().get(ETAG))) {
            return Optional.empty();
        }
        return value(fromMetadata(record.get().metadata()), algorithm);
    }

    /** Records {@code checksums} (merged with those still valid) for the object with {@code etag}. */
    void record(String path, S3Location at, String etag, List<Checksum> checksums) throws DsiException {
        Map<String, String> metadata = new HashMap<>();
        store.head(path, recordOf(at)).filter(r -> etag.equals(r.metadata().get(ETAG)))
                .ifPresent(r -> metadata.putAll(r.metadata()));
        metadata.putAll(metadata(checksums));
        metadata.put(ETAG, etag);
        store.put(path, recordOf(at), new byte[0], 0, metadata);
    }

    /** After a server-side copy: the target gets the source's record, for its own ETag. */
    void move(String path, S3Location from, S3Location to) throws DsiException {
        Optional<HeadObjectResponse> record = store.head(path, recordOf(from));
        if (record.isEmpty()) {
            return;
        }
        Optional<HeadObjectResponse> target = store.head(path, to);
        Optional<HeadObjectResponse> source = store.head(path, from);
        if (target.isPresent() && source.isPresent() && source.get().eTag().equals(record.get().metadata().get(ETAG))) {
            record(path, to, target.get().eTag(), fromMetadata(record.get().metadata()));
        }
        store.delete(path, recordOf(from));
    }

    void delete(String path, S3Location at) throws DsiException {
        store.delete(path, recordOf(at));
    }

    /** Removes every record in a bucket (before the bucket itself is removed). */
    void deleteAll(String path, String bucket) throws DsiException {
        String token = null;
        do {
            ListObjectsV2Response page = store.list(path, bucket, ObjectPaths.RESERVED + "/", false, token, 1000);
            for (S3Object object : page.contents()) {
                store.delete(path, new S3Location(bucket, object.key()));
            }
            token = page.nextContinuationToken();
        } while (token != null);
    }

    private static S3Location recordOf(S3Location at) {
        return at.withKey(ObjectPaths.RESERVED + "/" + at.key());
    }

    private static Optional<String> value(List<Checksum> checksums, String algorithm) {
        return checksums.stream().filter(c -> c.algorithm().equals(algorithm)).map(Checksum::value).findFirst();
    }
}
