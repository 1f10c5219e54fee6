package org.gantry.itests;

import static org.gantry.itests.GlobusUrlCopy.fileUrl;
import static org.junit.Assert.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Gets to a receiver on another host, here another network namespace joined by a veth pair: the
 * server sends local files with sendfile then (to loopback receivers it copies, so every other
 * test takes that path). Stream mode, MODE E with four streams and a partial get must all arrive
 * byte for byte.
 */
public class RemoteReceiverIT {

    private static final String SERVER_ADDRESS = "10.213.7.1";
    private static final long FILE_SIZE = (24L << 20) + 12345;

    private static NetworkNamespace serverSide;
    private static NetworkNamespace clientSide;
    private static GantryInstance server;
    private static Path work;
    private static Path source;

    @BeforeClass
    public static void startServerOnTheFarSide() throws IOException {
        CommandRunner.requireTool("globus-url-copy");
        serverSide = NetworkNamespace.create("gantry-srv", RemoteReceiverIT.class.getSimpleName());
        clientSide = NetworkNamespace.create("gantry-cli", RemoteReceiverIT.class.getSimpleName());
        serverSide.link(clientSide, SERVER_ADDRESS + "/30", "10.213.7.2/30");
        work = TestData.emptyDirectory(GantryInstance.workDirectory().resolve("remote-receiver"));
        server = new GantryInstance("remote", work.resolve("root"), SERVER_ADDRESS).launchedThrough(serverSide.exec());
        server.start();
        source = TestData.randomFile(server.root().resolve("big.bin"), 91, FILE_SIZE);
    }

    /** Runs even when the start failed half-way, so no server or namespace is left behind. */
    @AfterClass
    public static void stopServerAndDeleteNamespaces() throws IOException {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (serverSide != null) {
                serverSide.close();
            }
            if (clientSide != null) {
                clientSide.close();
            }
        }
    }

    @Test
    public void streamGetArrivesWhole() throws IOException {
        Path local = work.resolve("stream.got");
        guc(server.url("big.bin"), fileUrl(local)).assertSuccess();
        TestData.assertSameContent(source, local);
    }

    @Test
    public void modeEGetWithFourStreamsArrivesWhole() throws IOException {
        Path local = work.resolve("mode-e.got");
        guc("-p", "4", server.url("big.bin"), fileUrl(local)).assertSuccess();
        TestData.assertSameContent(source, local);
    }

    @Test
    public void partialGetSendsExactlyTheSection() throws IOException {
        long offset = 3_000_001;
        int length = 5_000_000;
        Path local = work.resolve("partial.got");
        guc("-p", "2", "-off", String.valueOf(offset), "-len", String.valueOf(length), server.url("big.bin"),
                fileUrl(local)).assertSuccess();
        byte[] all = Files.readAllBytes(source);
        byte[] got = Files.readAllBytes(local);
        byte[] section = Arrays.copyOfRange(all, (int) offset, (int) offset + length);
        // guc writes the section at its own offset in the local file.
        assertArrayEquals(section, Arrays.copyOfRange(got, (int) offset, got.length));
    }

    private static CommandRunner.Result guc(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy"));
        command.addAll(List.of(args));
        return clientSide.run(CommandRunner.CLIENT_TIMEOUT, command);
    }
}
