package org.gantry.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Upload data written off the test thread: a server that stops reading (full DSI, lost control
 * connection) would otherwise block the test in a socket write forever.
 */
final class BackgroundSender {

    private BackgroundSender() {
    }

    /** Sends {@code chunks} × 64 KiB and then FIN, off the test thread; I/O errors end it quietly. */
    static CompletableFuture<Void> send(Socket data, long seed, int chunks) {
        return CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = data.getOutputStream();
                for (int i = 0; i < chunks; i++) {
                    out.write(TestData.bytes(seed + i, 64 * 1024));
                }
                data.shutdownOutput();
            } catch (IOException expected) {
                // The server may drop the data connection once the upload has failed.
            }
        });
    }

    /** Waits a bounded time for a background write; the caller closes the socket either way. */
    static void awaitQuietly(CompletableFuture<Void> write) {
        try {
            write.get(15, TimeUnit.SECONDS);
        } catch (TimeoutException stillBlocked) {
            // The server stopped reading; closing the socket ends the write.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("background write failed unexpectedly", e.getCause());
        }
    }
}
