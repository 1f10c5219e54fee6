package org.gantry.security.internal.authz;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.gantry.security.api.GridAccountMapper;
import org.gantry.security.api.GridIdentity;
import org.gantry.security.internal.gridmap.GridMapFile;
import org.gantry.security.internal.proxy.ValidatedChain;
import org.gantry.security.internal.voms.VomsAttributeReader;
import org.gantry.security.internal.voms.VomsTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which local account a validated GSI client logs in as. The accounts the identity may
 * use come from the {@link GridAccountMapper}s (in their order) and then the grid-mapfile; the
 * first of them is the default, used when the client does not name one ({@code USER
 * :globus-mapping:}); a named account must be among them. A chain ending in an independent proxy
 * carries none of its owner's rights and is refused.
 */
public final class GsiAuthorizer {

    /** What GSI clients send as USER when they want the server to pick the account. */
    public static final String GLOBUS_MAPPING = ":globus-mapping:";

    private static final Logger LOG = LoggerFactory.getLogger(GsiAuthorizer.class);

    private final Supplier<List<GridAccountMapper>> mappers;
    private final GridMapFile gridMap;
    private final VomsAttributeReader voms;

    /** Without VOMS: no attribute certificate counts. */
    public GsiAuthorizer(Supplier<List<GridAccountMapper>> mappers, GridMapFile gridMap) {
        this(mappers, gridMap, new VomsAttributeReader(new VomsTrust(List.of()), Clock.systemUTC()));
    }

    /**
     * @param mappers the mappers currently registered (asked on every login)
     * @param voms    reads the FQANs the mappers get from the client's proxy
     */
    public GsiAuthorizer(Supplier<List<GridAccountMapper>> mappers, GridMapFile gridMap, VomsAttributeReader voms) {
        this.mappers = mappers;
        this.gridMap = gridMap;
        this.voms = voms;
    }

    /** {@link #authorize(ValidatedChain, List, String)} with the FQANs of the chain's trusted VOMS ACs. */
    public String authorize(ValidatedChain chain, String requested) throws NotAuthorizedException {
        VomsAttributeReader.Result attributes = voms.read(chain);
        for (String ignored : attributes.ignored()) {
            LOG.info("VOMS: {}: {}", chain.identity(), ignored);
        }
        return authorize(chain, attributes.fqans(), requested);
    }

    /**
     * @param fqans     the verified VOMS FQANs of the chain (empty without VOMS)
     * @param requested the account the client asked for; {@code null}, empty or
     *                  {@value #GLOBUS_MAPPING} for the default one
     * @return the local account name
     */
    public String authorize(ValidatedChain chain, List<String> fqans, String requested) throws NotAuthorizedException {
        String dn = chain.authorizedIdentity().orElseThrow(() -> new NotAuthorizedException("the independent proxy"
                + " of " + chain.identity() + " carries none of its owner's rights"));
        GridIdentity identity = new GridIdentity(dn, fqans, chain.limited());
        Set<String> allowed = new LinkedHashSet<>();
        for (GridAccountMapper mapper : mappers.get()) {
            allowed.addAll(mapper.accountsFor(identity));
        }
        allowed.addAll(gridMap.accountsFor(dn));
        if (allowed.isEmpty()) {
            throw new NotAuthorizedException(dn + (fqans.isEmpty() ? "" : " with " + fqans)
                    + " is not mapped to any account (not in the grid-mapfile)");
        }
        if (requested == null || requested.isEmpty() || requested.equals(GLOBUS_MAPPING)) {
            return allowed.iterator().next();
        }
        if (!allowed.contains(requested)) {
            throw new NotAuthorizedException(dn + " may not log in as " + requested + " (allowed: "
                    + String.join(", ", allowed) + ")");
        }
        return requested;
    }
}
