/**
 * Authentication services the protocol core uses to log users in. Mechanisms (passwords,
 * anonymous, GSI) are services of this bundle; the core only sees these interfaces.
 * {@link org.gantry.security.api.GridAccountMapper} is the SPI for mapping GSI identities (DN and
 * VOMS FQANs) to local accounts. {@link org.gantry.security.api.GsiService} runs the GSI (AUTH GSSAPI)
 * contexts of the control channel;
 * {@link org.gantry.security.api.GsiContext#dataChannelSecurity} gives the TLS engines of DCAU data connections.
 * {@link org.gantry.security.api.TlsService} runs explicit FTPS (AUTH TLS) with the host credential.
 */
@Export
@Version("1.4.0")
package org.gantry.security.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
