package org.gantry.dsi.memory.internal;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.testkit.DsiContractTest;

/** The memory DSI passes the whole DSI contract. */
class MemoryDsiContractTest extends DsiContractTest {

    @Override
    protected Dsi createDsi() {
        return new MemoryDsi(64L * 1024 * 1024);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((MemoryDsi) dsi).close();
    }
}
