package org.gantry.dsi.s3.internal;

/**
 * Where a DSI path lives in the store: a bucket and a key. The service root (the DSI's {@code /}
 * in bucket-per-directory mode) has no bucket; a bucket's own root has an empty key.
 */
record S3Location(String bucket, String key) {

    static final S3Location SERVICE_ROOT = new S3Location("", "");

    boolean isServiceRoot() {
        return bucket.isEmpty();
    }

    boolean isBucketRoot() {
        return !bucket.isEmpty() && key.isEmpty();
    }

    /** The key prefix of the objects "inside" this location taken as a directory. */
    String directoryPrefix() {
        return key.isEmpty() ? "" : key + "/";
    }

    /** The zero-length object that marks an explicitly made directory. */
    String markerKey() {
        return key + "/";
    }

    S3Location withKey(String newKey) {
        return new S3Location(bucket, newKey);
    }
}
