package org.gantry.dsi.s3.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.InvalidPathException;

/**
 * Maps the DSI's paths to buckets and keys. With a configured bucket, {@code /a/b} is key
 * {@code a/b} of that bucket; without one, the first path element names the bucket. Keys under
 * {@value #RESERVED} hold Gantry's own checksum records and are neither listed nor reachable.
 */
final class ObjectPaths {

    /** Top-level key prefix (in every bucket) of the checksum records. */
    static final String RESERVED = ".gantry-checksums";
    /** S3's longest key, in UTF-8 bytes. */
    private static final int MAX_KEY_BYTES = 1024;

    /** S3's bucket naming rules, as far as a name alone shows them. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Optional<String> bucket;

    ObjectPaths(Optional<String> bucket) {
        this.bucket = bucket;
    }

    boolean bucketPerDirectory() {
        return bucket.isEmpty();
    }

    /** @param path an absolute, normalised DSI path */
    S3Location locate(String path) throws DsiException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        S3Location location;
        if (bucket.isPresent()) {
            location = new S3Location(bucket.get(), relative);
        } else if (relative.isEmpty()) {
            return S3Location.SERVICE_ROOT;
        } else {
            int slash = relative.indexOf('/');
            location = slash < 0 ? new S3Location(relative, "")
                    : new S3Location(relative.substring(0, slash), relative.substring(slash + 1));
            if (!BUCKET_NAME.matcher(location.bucket()).matches()) {
                // An explicit 553 ("file name not allowed") keeps the rule in the reply text.
                throw new DsiException(path + ": top-level directories are buckets, and '" + location.bucket()
                        + "' is no bucket name (3 to 63 lower-case letters, digits, '.' or '-')", null, 553);
            }
        }
        if (location.key().equals(RESERVED) || location.key().startsWith(RESERVED + "/")) {
            throw new InvalidPathException(path + ": names under /" + RESERVED + " are reserved for checksum records");
        }
        if (location.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES - RESERVED.length() - 1) {
            throw new InvalidPathException(path + ": too long for an S3 object key");
        }
        return location;
    }

    /** Whether a key of a listing is Gantry's own and must not be shown. */
    static boolean hidden(String keyOrPrefix) {
        return keyOrPrefix.equals(RESERVED + "/") || keyOrPrefix.startsWith(RESERVED + "/");
    }
}
