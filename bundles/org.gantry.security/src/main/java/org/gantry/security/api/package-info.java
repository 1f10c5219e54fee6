/**
 * Authentication services the protocol core uses to log users in. Mechanisms (passwords,
 * anonymous, later GSI) are services of this bundle; the core only sees these interfaces.
 */
@Export
@Version("1.0.0")
package org.gantry.security.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
