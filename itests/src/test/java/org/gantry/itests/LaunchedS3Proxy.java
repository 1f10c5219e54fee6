package org.gantry.itests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.gantry.testing.s3.S3ProxyServer;
import org.junit.rules.ExternalResource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real s3proxy (filesystem store, its own process on 127.0.0.1) for a test class
 * ({@code @ClassRule}), with an S3 client that looks at the store behind the S3 DSI's back: object
 * sizes, unfinished multipart uploads. Buckets are directories of {@link #dataDirectory()} and
 * objects files in them, so a test can also read an object as a file.
 */
public final class LaunchedS3Proxy extends ExternalResource {

    /**
     * s3proxy on files drops the connection after some PUTs of {@code dir/} markers; a retry on
     * a new connection always works, so every client (the DSIs' too) gets several attempts.
     */
    static final int ATTEMPTS = 8;

    private final String name;
    private S3ProxyServer server;
    private S3Client client;

    /** The store keeps its files in {@code <work>/<name>/}. */
    public LaunchedS3Proxy(String name) {
        this.name = name;
    }

    @Override
    protected void before() throws IOException {
        Path base = TestData.emptyDirectory(GantryInstance.workDirectory().resolve(name));
        server = S3ProxyServer.start(base.resolve("data"));
        client = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(ATTEMPTS)))
                .build();
    }

    @Override
    protected void after() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * {@code key = value} lines of an S3 DSI configuration for this store: endpoint, credentials,
     * region, path-style and {@link #ATTEMPTS} attempts per request.
     */
    List<String> dsiSettings() {
        return List.of("endpoint = " + server.endpoint(), "region = " + server.region(),
                "accessKey = " + server.accessKey(), "secretKey = " + server.secretKey(), "pathStyle = true",
                "maxAttempts = " + ATTEMPTS);
    }

    /** The object's metadata, or empty if there is no such object. */
    Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Keys of the multipart uploads of {@code bucket} that were neither completed nor aborted. */
    List<String> unfinishedUploads(String bucket) {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(MultipartUpload::key).toList();
    }

    /** Parts stored so far by the unfinished multipart uploads of {@code key}. */
    int storedParts(String bucket, String key) {
        return client.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                .filter(u -> u.key().equals(key))
                .mapToInt(u -> client.listParts(b -> b.bucket(bucket).key(key).uploadId(u.uploadId())).parts().size())
                .sum();
    }

    /** Deletes an object through S3, e.g. a large one a passing test has no more use for. */
    void delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** The object {@code key} of {@code bucket} as a file of the filesystem store. */
    Path objectFile(String bucket, String key) {
        return dataDirectory().resolve(bucket).resolve(key);
    }

    Path dataDirectory() {
        return server.dataDirectory();
    }
}
