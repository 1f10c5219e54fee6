package org.gantry.testing.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
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
        return builder(server, interceptors).build();
    }

    /** Checksums only where S3 demands them (DeleteObjects), as for servers without trailers. */
    static S3Client checksumsWhenRequired(S3ProxyServer server, ExecutionInterceptor... interceptors) {
        return builder(server, interceptors).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    private static S3ClientBuilder builder(S3ProxyServer server, ExecutionInterceptor... interceptors) {
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
                });
    }
}
