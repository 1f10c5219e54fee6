/**
 * Contract tests every Gantry DSI runs (the "DSI bones").
 *
 * <p>A DSI's test class extends {@link org.gantry.dsi.testkit.DsiContractTest} and implements
 * {@link org.gantry.dsi.testkit.DsiContractSupport#createDsi()}; every inherited test then runs
 * against a fresh instance of that DSI. Tests that depend on optional behaviour read the DSI's
 * {@link org.gantry.dsi.api.DsiCapabilities} and check the declared alternative instead, so no
 * test is ever skipped.
 *
 * <p>This bundle is meant for test class paths only; DSIs must not use it at run time.
 */
@Export
@Version("1.3.0")
package org.gantry.dsi.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
