package org.gantry.security.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Maps a GSI identity to local accounts; registered as a service by whoever has a mapping policy
 * (VOMS groups, an external authorization service, ...). Mappers are asked before the
 * grid-mapfile; the first non-empty answer counts.
 */
@ConsumerType
public interface GridAccountMapper {

    /**
     * @return the accounts {@code identity} may log in as, the default first; empty when this
     *         mapper has nothing to say about the identity (the next mapper or the grid-mapfile
     *         decides)
     */
    List<String> accountsFor(GridIdentity identity);
}
