package org.gantry.dsi.s3.internal;

import java.util.Optional;

import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.testkit.DsiContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The S3 DSI passes the whole DSI contract against a real S3 server (s3proxy on files), each
 * test on a bucket of its own, with 5 MiB parts so that the testkit's larger files become
 * multipart uploads.
 */
class S3DsiContractTest extends DsiContractTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    @Override
    protected Dsi createDsi() {
        return stores.dsi(Optional.of(stores.newBucket("contract")), 5 * TestStores.MIB, 16 * TestStores.MIB).dsi();
    }

    /** Parts are stored when complete, so durable ranges lag behind single writes. */
    @Override
    protected boolean storesEachWriteAtOnce() {
        return false;
    }

    @Override
    protected void destroyDsi(Dsi dsi) {
        ((S3Dsi) dsi).close();
    }
}
