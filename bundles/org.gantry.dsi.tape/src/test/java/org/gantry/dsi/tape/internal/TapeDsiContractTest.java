package org.gantry.dsi.tape.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.testkit.DsiContractTest;

/** The tape DSI passes the whole DSI contract (its files flush to tape in the background). */
class TapeDsiContractTest extends DsiContractTest {

    private Path base;

    @Override
    protected Dsi createDsi() throws Exception {
        base = Files.createTempDirectory("tape-contract");
        return TestTapes.open(base, TestTapes.fastLibrary(2, 4), TestTapes.policy(true));
    }

    @Override
    protected void destroyDsi(Dsi dsi) throws IOException {
        ((TapeDsi) dsi).close();
        try (Stream<Path> all = Files.walk(base)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
