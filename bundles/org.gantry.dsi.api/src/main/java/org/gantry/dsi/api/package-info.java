/**
 * The Gantry Data Storage Interface (DSI): the SPI a storage back-end implements to be served
 * over GridFTP.
 *
 * <p>A back-end registers a {@link org.gantry.dsi.api.Dsi} service (usually one per factory
 * configuration) with the service properties {@link org.gantry.dsi.api.Dsi#NAME} and
 * {@link org.gantry.dsi.api.Dsi#TYPE}. The protocol core chooses a DSI per path through its mount
 * table, opens one {@link org.gantry.dsi.api.DsiSession} per authenticated control connection and
 * moves data as positional blocks through {@link org.gantry.dsi.api.DsiReader} and
 * {@link org.gantry.dsi.api.DsiWriter}. All protocol arithmetic (REST, ERET/ESTO offsets, MODE E
 * framing, markers) stays in the core: a DSI only ever sees absolute file offsets.
 *
 * <p>Every asynchronous operation completes exactly once. Failures are reported as one of the
 * {@link org.gantry.dsi.api.DsiException} subtypes, each of which the core maps to one FTP reply.
 */
@Export
@Version("1.2.0")
package org.gantry.dsi.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
