package org.gantry.security.internal.voms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gantry.security.api.GridIdentity;
import org.junit.jupiter.api.Test;

class FqanPrefixAccountMapperTest {

    private final FqanPrefixAccountMapper mapper = new FqanPrefixAccountMapper(
            List.of("/atlas/Role=production=atlprd", "/atlas=atlas", "/cms=cms"));

    private List<String> accounts(String... fqans) {
        return mapper.accountsFor(new GridIdentity("/CN=x", List.of(fqans), false));
    }

    @Test
    void thePrimaryFqanDecidesTheDefaultAccount() {
        assertEquals(List.of("atlprd", "atlas"), accounts("/atlas/Role=production/Capability=NULL",
                "/atlas/Role=NULL/Capability=NULL"));
        assertEquals(List.of("atlas", "cms"), accounts("/atlas/higgs/Role=NULL", "/cms/Role=NULL"));
        assertEquals(List.of("cms", "atlas"), accounts("/cms", "/atlas"));
    }

    @Test
    void prefixesEndAtGroupBoundaries() {
        assertEquals(List.of(), accounts("/atlasx/Role=NULL/Capability=NULL"));
        assertEquals(List.of(), accounts());
    }

    @Test
    void badRulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FqanPrefixAccountMapper(List.of("atlas=atlas")));
        assertThrows(IllegalArgumentException.class, () -> new FqanPrefixAccountMapper(List.of("/atlas=")));
        assertThrows(IllegalArgumentException.class, () -> new FqanPrefixAccountMapper(List.of("/atlas")));
    }
}
