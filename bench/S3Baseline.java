// The "SDK alone" baseline for the S3 bench row: uploads a local file to an S3 server as a
// multipart upload (parts in parallel) and downloads it with parallel ranged GETs, the way a good
// AWS SDK v2 user would, and prints the seconds of each. Run with the Java 17 source launcher:
//
//   java -cp "$(cat tools/s3proxy/target/s3-sdk.classpath)" bench/S3Baseline.java \
//       --endpoint http://127.0.0.1:PORT --access-key KEY --secret-key SECRET \
//       --file FILE --out FILE [--bucket bench] [--key NAME] [--part-mib 8] [--parallel 4] \
//       [--checksums when-supported|when-required] [--aws-chunked off|on] [--region us-east-1]
//
// tools/s3proxy/target/s3-sdk.classpath is written by `mvn install -f tools/s3proxy/pom.xml`.
// Prints one line: upload_seconds=... download_seconds=... bytes=... parts=...; the caller
// compares the files. --checksums picks the SDK's request checksum and response validation
// policy (when-supported is the SDK's default: a CRC32 header, or an aws-chunked trailer).
// --aws-chunked on is the SDK's default over http:// (bodies in signed chunks); off, the default
// here, signs each body whole, as s3proxy 4.1.0 breaks some connections after chunked PUTs
// (tools/s3proxy's ConnectionReuseTest) and the SDK's three attempts do not always get past them.
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

public final class S3Baseline {

    private static final long MIB = 1024 * 1024;
    private static final int COPY_BUFFER = 256 * 1024;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path file = Path.of(require(options, "file"));
        Path out = Path.of(require(options, "out"));
        String bucket = options.getOrDefault("bucket", "bench");
        String key = options.getOrDefault("key", file.getFileName().toString());
        long partSize = Long.parseLong(options.getOrDefault("part-mib", "8")) * MIB;
        int parallel = Integer.parseInt(options.getOrDefault("parallel", "4"));
        boolean whenRequired = choice(options, "checksums", "when-supported", "when-required");
        boolean chunked = choice(options, "aws-chunked", "off", "on");

        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try (S3Client s3 = client(options, whenRequired, chunked)) {
            ensureBucket(s3, bucket);
            long size;
            try (FileChannel in = FileChannel.open(file)) {
                size = in.size();
            }
            long start = System.nanoTime();
            int parts = upload(s3, pool, file, size, bucket, key, partSize);
            double uploadSeconds = seconds(start);
            start = System.nanoTime();
            download(s3, pool, bucket, key, size, partSize, out);
            double downloadSeconds = seconds(start);
            System.out.printf("upload_seconds=%.3f download_seconds=%.3f bytes=%d parts=%d%n",
                    uploadSeconds, downloadSeconds, size, parts);
        } finally {
            pool.shutdownNow();
        }
    }

    private static S3Client client(Map<String, String> options, boolean whenRequired, boolean chunked) {
        var builder = S3Client.builder()
                .endpointOverride(URI.create(require(options, "endpoint")))
                .region(Region.of(options.getOrDefault("region", "us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        require(options, "access-key"), require(options, "secret-key"))))
                .forcePathStyle(true)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(chunked))
                .httpClient(UrlConnectionHttpClient.create());
        if (whenRequired) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Uploads each part straight from its slice of the file; returns the number of parts. */
    private static int upload(S3Client s3, ExecutorService pool, Path file, long size, String bucket, String key,
            long partSize) throws Exception {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            List<Future<CompletedPart>> futures = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < size || partNumber == 1; offset += partSize, partNumber++) {
                long length = Math.min(partSize, size - offset);
                long from = offset;
                int number = partNumber;
                futures.add(pool.submit(() -> {
                    String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength(length), RequestBody.fromContentProvider(slice(file, from, length), length,
                            "application/octet-stream")).eTag();
                    return CompletedPart.builder().partNumber(number).eTag(eTag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> f : futures) {
                completed.add(f.get());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
            return completed.size();
        } catch (Exception e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }

    /** A part's bytes, re-readable: the SDK may read a body twice (signing, retries). */
    private static ContentStreamProvider slice(Path file, long offset, long length) {
        return () -> {
            try {
                FileChannel channel = FileChannel.open(file).position(offset);
                return new BoundedInputStream(Channels.newInputStream(channel), length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** GETs each part's range in parallel and writes it at its offset of {@code out}. */
    private static void download(S3Client s3, ExecutorService pool, String bucket, String key, long size,
            long partSize, Path out) throws Exception {
        try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Future<?>> futures = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                long from = offset;
                String range = "bytes=" + from + "-" + (Math.min(size, from + partSize) - 1);
                futures.add(pool.submit(() -> {
                    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).range(range))) {
                        copyAt(in, target, from);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    private static void copyAt(InputStream in, FileChannel target, long position) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long at = position;
        for (int n; (n = in.read(buffer)) > 0; ) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                at += target.write(chunk, at);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** False for the option's default value (the first), true for the other one. */
    private static boolean choice(Map<String, String> options, String name, String byDefault, String other) {
        String value = options.getOrDefault(name, byDefault);
        if (!value.equals(byDefault) && !value.equals(other)) {
            throw new IllegalArgumentException("--" + name + " is " + byDefault + " or " + other);
        }
        return value.equals(other);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** Stops after {@code remaining} bytes and closes the file with the stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
