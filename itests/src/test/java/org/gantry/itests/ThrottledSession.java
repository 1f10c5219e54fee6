package org.gantry.itests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.FileType;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.NotFoundException;
import org.gantry.dsi.api.NotSupportedException;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.WriteRequest;

/**
 * A session on {@link ThrottledDsi}: a flat namespace of committed uploads under {@code /}, and
 * uploads. Everything else a test of uploads does not need is refused as not supported.
 */
final class ThrottledSession implements DsiSession {

    private final ThrottledDsi dsi;

    ThrottledSession(ThrottledDsi dsi) {
        this.dsi = dsi;
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        if (path.equals("/")) {
            return CompletableFuture.completedFuture(info("/", FileType.DIRECTORY, 0));
        }
        return dsi.committed(path)
                .map(u -> CompletableFuture.completedFuture(info(path.substring(1), FileType.FILE, u.size())))
                .orElseGet(() -> CompletableFuture.failedFuture(new NotFoundException(path)));
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        if (request.resumes()) {
            return unsupported("resuming uploads");
        }
        return CompletableFuture.completedFuture(dsi.newWriter(path));
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return unsupported("listings");
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return unsupported("mkdir");
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return unsupported("rmdir");
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return unsupported("delete");
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return unsupported("rename");
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return unsupported("setTimes");
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return unsupported("chmod");
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return unsupported("symlink");
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        return CompletableFuture.completedFuture(path);
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return unsupported("checksums");
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return unsupported("reading");
    }

    @Override
    public void close() {
    }

    private static FileInfo info(String name, FileType type, long size) {
        return new FileInfo(name, type, size, Instant.now(), Optional.empty(), -1, Optional.empty(),
                Optional.empty(), -1, -1, 1, Optional.empty(), Optional.empty(), List.of(),
                type == FileType.FILE ? Locality.ONLINE : Locality.NONE);
    }

    private static <T> CompletionStage<T> unsupported(String what) {
        return CompletableFuture.failedFuture(new NotSupportedException("the throttled test DSI has no " + what));
    }
}
