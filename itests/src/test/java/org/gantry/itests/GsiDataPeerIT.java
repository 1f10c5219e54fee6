package org.gantry.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.ClassRule;
import org.junit.Test;

/**
 * gsiftp third-party copies between two Gantry servers on 127.0.0.2 and 127.0.0.3 whose client
 * connects from 127.0.0.1, with the default configuration (no data connections to or from other
 * hosts): authenticated data channels (DCAU A, globus-url-copy's default) prove who the peer is,
 * so the copy works; clear ones ({@code -nodcau}) prove nothing, so the PORT is refused.
 */
public class GsiDataPeerIT {

    private static final GsiPki PKI = GsiPki.make("gsi-peers-pki");
    private static final Map<String, String> CLIENT = PKI.clientEnvironment(PKI.proxy());
    /** The host certificate names localhost; the servers listen on other addresses. */
    private static final String HOST_SUBJECT = "/DC=test/DC=gridftp/CN=localhost";
    private static final String HOST_A = "127.0.0.2";
    private static final String HOST_B = "127.0.0.3";
    private static final long SIZE = (8L << 20) + 321;

    @ClassRule
    public static final LaunchedServer serverA = new LaunchedServer("gsi-peers-a").requiring("globus-url-copy")
            .listeningOn(HOST_A).withOptions(PKI.launcherOptions());
    @ClassRule
    public static final LaunchedServer serverB = new LaunchedServer("gsi-peers-b").listeningOn(HOST_B)
            .withOptions(PKI.launcherOptions());

    @Test
    public void authenticatedDataChannelsMayJoinOtherHosts() throws IOException {
        Path source = TestData.randomFile(serverA.root().resolve("dcau-a.bin"), 31, SIZE);
        String output = copy("dcau-a.bin", "-dbg").assertSuccess().output();
        TestData.assertSameContent(source, serverB.root().resolve("dcau-a.bin"));
        assertTrue("one server must have been sent to the other's address:\n" + output,
                output.contains("PORT 127,0,0,2,") || output.contains("PORT 127,0,0,3,"));
        assertFalse("the client must have kept DCAU A (no DCAU N):\n" + output, output.contains("DCAU N"));
    }

    @Test
    public void clearDataChannelsToOtherHostsAreRefused() throws IOException {
        Path source = TestData.randomFile(serverA.root().resolve("nodcau.bin"), 32, SIZE);
        CommandRunner.Result result = copy("nodcau.bin", "-nodcau");
        assertNotEquals("globus-url-copy -nodcau must fail:\n" + result.output(), 0, result.exitCode());
        assertTrue("the client must see the 504 refusal:\n" + result.output(),
                result.output().contains("504") && result.output().contains("not the client's address"));
        Path copy = serverB.root().resolve("nodcau.bin");
        assertFalse("no copy of the whole file may be left",
                Files.exists(copy) && Files.size(copy) == Files.size(source));
    }

    /** globus-url-copy from A to B of {@code name}, accepting the localhost host certificate on both. */
    private static CommandRunner.Result copy(String name, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of("globus-url-copy", "-s", HOST_SUBJECT));
        command.addAll(List.of(flags));
        command.add("gsi" + serverA.url(name));
        command.add("gsi" + serverB.url(name));
        return CommandRunner.run(CommandRunner.CLIENT_TIMEOUT, CLIENT, command);
    }
}
