package org.gantry.dsi.posix.internal;

import java.nio.file.Path;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.testkit.DsiContractTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole DSI contract once more with checksums kept in sidecar files, as on a file system
 * without user extended attributes: sidecars must stay invisible and follow their files.
 */
class PosixSidecarContractTest extends DsiContractTest {

    @TempDir
    Path temp;

    @Override
    protected Dsi createDsi() throws Exception {
        return new PosixDsi("sidecars", temp.resolve("served"), 0644, 0755, 4, false, false);
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((PosixDsi) dsi).close();
    }
}
