package org.gantry.dsi.s3.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the SDK client of one instance. */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        return create(settings, java.util.List.of());
    }

    /** @param interceptors see every request (tests count them) */
    static S3Client create(S3Settings settings,
            java.util.List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> interceptors) {
        return S3Client.builder()
                // Set explicitly: inside OSGi the SDK's service-loader lookup of an HTTP client would fail.
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(10))
                        .socketTimeout(java.time.Duration.ofSeconds(60))
                        .build())
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle())
                        // Every body is an array in memory: send it whole, signed or checksummed up front,
                        // not in aws-chunked pieces, which s3proxy (and some older stores) answer by
                        // breaking the kept-alive connection for the next request.
                        .chunkedEncodingEnabled(false).build())
                // A CRC32 of every PUT and part lets the store refuse bytes damaged on the way
                // (400 BadDigest); older S3-compatible stores that do not know the header need it off.
                .requestChecksumCalculation(settings.payloadChecksums() ? RequestChecksumCalculation.WHEN_SUPPORTED
                        : RequestChecksumCalculation.WHEN_REQUIRED)
                // Ranged GETs carry no whole-object checksum to validate.
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o
                        .executionInterceptors(interceptors)
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(settings.maxAttempts()))
                        .apiCallTimeout(settings.requestTimeout()))
                .build();
    }
}
