package org.gantry.dsi.posix.internal;

import java.nio.file.Path;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.testkit.DsiContractTest;
import org.junit.jupiter.api.io.TempDir;

/** The POSIX DSI passes the whole DSI contract on a fresh directory. */
class PosixDsiContractTest extends DsiContractTest {

    @TempDir
    Path temp;

    @Override
    protected Dsi createDsi() throws Exception {
        return new PosixDsi("contract", temp.resolve("served"), 0644, 0755, 4);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((PosixDsi) dsi).close();
    }
}
