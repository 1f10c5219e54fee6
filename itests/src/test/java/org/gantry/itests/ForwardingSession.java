package org.gantry.itests;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.gantry.dsi.api.DataEndpoint;
import org.gantry.dsi.api.DirectoryListing;
import org.gantry.dsi.api.DsiReader;
import org.gantry.dsi.api.DsiSession;
import org.gantry.dsi.api.DsiWriter;
import org.gantry.dsi.api.FileInfo;
import org.gantry.dsi.api.Locality;
import org.gantry.dsi.api.ReadRequest;
import org.gantry.dsi.api.TransferDirection;
import org.gantry.dsi.api.WriteRequest;

/**
 * A session of a test DSI that stores through another DSI's session (the real POSIX one): every
 * call goes there; subclasses change the one behaviour their test is about.
 */
abstract class ForwardingSession implements DsiSession {

    protected final DsiSession storage;

    ForwardingSession(DsiSession storage) {
        this.storage = storage;
    }

    @Override
    public CompletionStage<Optional<DataEndpoint>> placement(String path, TransferDirection direction) {
        return storage.placement(path, direction);
    }

    @Override
    public CompletionStage<FileInfo> stat(String path, boolean followLinks) {
        return storage.stat(path, followLinks);
    }

    @Override
    public CompletionStage<DirectoryListing> list(String directory) {
        return storage.list(directory);
    }

    @Override
    public CompletionStage<Void> mkdir(String path) {
        return storage.mkdir(path);
    }

    @Override
    public CompletionStage<Void> rmdir(String path) {
        return storage.rmdir(path);
    }

    @Override
    public CompletionStage<Void> delete(String path) {
        return storage.delete(path);
    }

    @Override
    public CompletionStage<Void> rename(String from, String to) {
        return storage.rename(from, to);
    }

    @Override
    public CompletionStage<Void> setTimes(String path, Instant modified) {
        return storage.setTimes(path, modified);
    }

    @Override
    public CompletionStage<Void> chmod(String path, int mode) {
        return storage.chmod(path, mode);
    }

    @Override
    public CompletionStage<Void> symlink(String target, String link) {
        return storage.symlink(target, link);
    }

    @Override
    public CompletionStage<String> realPath(String path) {
        return storage.realPath(path);
    }

    @Override
    public CompletionStage<String> checksum(String path, String algorithm, long offset, long length) {
        return storage.checksum(path, algorithm, offset, length);
    }

    @Override
    public CompletionStage<DsiReader> openRead(String path, ReadRequest request) {
        return storage.openRead(path, request);
    }

    @Override
    public CompletionStage<DsiWriter> openWrite(String path, WriteRequest request) {
        return storage.openWrite(path, request);
    }

    @Override
    public CompletionStage<Locality> locality(String path) {
        return storage.locality(path);
    }

    @Override
    public CompletionStage<Locality> stage(String path) {
        return storage.stage(path);
    }

    @Override
    public void close() {
        storage.close();
    }
}
