package org.gantry.security.internal.gsi;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code authMechanisms} setting: names, several per value, comma separated, any case. */
final class Mechanisms {

    static final String GSSAPI = "GSSAPI";
    static final String TLS = "TLS";

    static Set<String> of(String[] values) {
        return items(values).stream().map(name -> name.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The items of a list setting; each value may hold several, comma separated (one line in a .cfg file). */
    static List<String> items(String[] values) {
        return Stream.of(values == null ? new String[0] : values).flatMap(v -> Stream.of(v.split(",")))
                .map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private Mechanisms() {
    }
}
