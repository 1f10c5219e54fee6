package org.gantry.security.api;

import java.util.List;
import java.util.Objects;

/**
 * Who a GSI client is, as far as mapping it to a local account is concerned.
 *
 * @param dn      the end-entity certificate's subject in OpenSSL slash form
 *                ({@code /DC=org/DC=example/CN=Jane Doe})
 * @param fqans   the VOMS FQANs of the client's proxy, primary first
 *                ({@code /atlas/Role=production/Capability=NULL}); empty without a VOMS extension.
 *                Only FQANs of attribute certificates whose signature checked out are listed.
 * @param limited the client authenticated with a limited proxy
 */
public record GridIdentity(String dn, List<String> fqans, boolean limited) {

    public GridIdentity {
        Objects.requireNonNull(dn, "dn");
        fqans = List.copyOf(fqans);
    }
}
