package org.gantry.security.internal.voms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gantry.security.api.GridAccountMapper;
import org.gantry.security.api.GridIdentity;

/**
 * A sample {@link GridAccountMapper}: rules {@code FQAN-prefix=account}, e.g.
 * {@code /atlas/Role=production=atlprd} and {@code /atlas=atlas}. A prefix matches an FQAN that
 * equals it or continues it with {@code /} (so {@code /atlas} matches {@code /atlas/higgs} but
 * not {@code /atlasx}). The identity's FQANs are taken in order (primary first) and, for each,
 * the rules in order; the accounts come out in that order, without repeats.
 */
public final class FqanPrefixAccountMapper implements GridAccountMapper {

    private record Rule(String prefix, String account) {
        boolean matches(String fqan) {
            return fqan.equals(prefix) || fqan.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    private final List<Rule> rules;

    /** @param rules {@code prefix=account}; the last {@code =} separates them */
    public FqanPrefixAccountMapper(List<String> rules) {
        List<Rule> parsed = new ArrayList<>();
        for (String rule : rules) {
            int split = rule.lastIndexOf('=');
            if (split <= 0 || split == rule.length() - 1 || !rule.startsWith("/")) {
                throw new IllegalArgumentException("FQAN rule '" + rule + "' is not /prefix=account");
            }
            parsed.add(new Rule(rule.substring(0, split), rule.substring(split + 1)));
        }
        this.rules = List.copyOf(parsed);
    }

    @Override
    public List<String> accountsFor(GridIdentity identity) {
        Set<String> accounts = new LinkedHashSet<>();
        for (String fqan : identity.fqans()) {
            for (Rule rule : rules) {
                if (rule.matches(fqan)) {
                    accounts.add(rule.account());
                }
            }
        }
        return List.copyOf(accounts);
    }
}
