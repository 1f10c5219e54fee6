package org.gantry.testing.s3;

import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** SDK clients for an {@link S3ProxyServer}: path-style, static credentials, the JDK's HTTP client. */
final class S3Clients {

    private S3Clients() {
    }

    /** The SDK's default checksum policy: a CRC32 trailer on every upload (aws-chunked). */
    static S3Client withSdkDefaults(S3ProxyServer server, ExecutionInterceptor... interceptors) {
        return builder(server, interceptors, o -> { }).build();
    }

    /** Checksums only where S3 demands them (DeleteObjects), as for servers without trailers. */
    static S3Client checksumsWhenRequired(S3ProxyServer server, ExecutionInterceptor... interceptors) {
        return builder(server, interceptors, o -> { })
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /**
     * Bodies signed whole and sent as they are instead of in aws-chunked signed chunks (the SDK
     * then reads each body twice: to sign it and to send it). After aws-chunked uploads s3proxy
     * leaves broken connections behind (ConnectionReuseTest), so this is the client for tests.
     */
    static S3Client plainBodies(S3ProxyServer server) {
        return builder(server, new ExecutionInterceptor[0], o -> { })
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)).build();
    }

    /** {@link #plainBodies} without retries, so that every failed attempt shows. */
    static S3Client plainBodiesWithoutRetries(S3ProxyServer server, ExecutionInterceptor... interceptors) {
        return builder(server, interceptors, o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false)).build();
    }

    private static S3ClientBuilder builder(S3ProxyServer server, ExecutionInterceptor[] interceptors,
            Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                    overrides.accept(o);
                });
    }
}
