package org.gantry.dsi.s3.internal;

import java.util.function.Supplier;

import org.gantry.dsi.api.AlreadyExistsException;
import org.gantry.dsi.api.DirectoryNotEmptyException;
import org.gantry.dsi.api.DsiException;
import org.gantry.dsi.api.NoSpaceException;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.PermissionDeniedException;
import org.gantry.dsi.api.StorageUnavailableException;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's failures into DSI failures with texts an FTP user can act on. Transient
 * trouble (throttling, 5xx, resets) has already been retried by the SDK when it gets here. The
 * texts carry the store's error code and request id, never a credential.
 */
final class S3Errors {

    private S3Errors() {
    }

    /** Runs one SDK call for {@code path}, translating its failure. */
    static <T> T call(String path, Supplier<T> call) throws DsiException {
        try {
            return call.get();
        } catch (SdkException e) {
            throw map(path, e);
        }
    }

    static DsiException map(String path, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            String detail = " (S3 " + s3.statusCode() + (code == null || code.isEmpty() ? "" : " " + code) + ")";
            return switch (s3.statusCode()) {
                case 404 -> new NotFoundException(path + ": " + ("NoSuchBucket".equals(code) ? "no such bucket" : "not found")
                        + detail, e);
                case 403 -> new PermissionDeniedException(path + ": the object store refused access" + detail, e);
                case 409 -> "BucketNotEmpty".equals(code)
                        ? new DirectoryNotEmptyException(path + ": bucket not empty" + detail)
                        : new AlreadyExistsException(path + ": already exists" + detail);
                case 412 -> new DsiException(path + ": the object changed while it was being read" + detail, e, 451);
                case 400 -> "EntityTooLarge".equals(code)
                        ? new NoSpaceException(path + ": too large for the object store" + detail, e)
                        : new DsiException(path + ": the object store refused the request" + detail, e, 550);
                default -> s3.statusCode() >= 500
                        ? new StorageUnavailableException(path + ": the object store is unavailable" + detail, e)
                        : new DsiException(path + ": the object store refused the request" + detail, e, 550);
            };
        }
        if (e instanceof SdkClientException) {
            return new StorageUnavailableException(path + ": the object store cannot be reached: " + firstLine(e), e);
        }
        return new StorageUnavailableException(path + ": object store failure: " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
