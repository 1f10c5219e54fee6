package org.gantry.core.internal.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gantry.core.internal.session.Session;

/** All implemented commands by verb, in registration order (which is also FEAT order). */
public final class CommandTable {

    private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

    public void register(CommandFamily family) {
        for (CommandSpec spec : family.commands()) {
            if (specs.putIfAbsent(spec.verb(), spec) != null) {
                throw new IllegalStateException("duplicate command " + spec.verb());
            }
        }
    }

    public Optional<CommandSpec> lookup(String verb) {
        return Optional.ofNullable(specs.get(verb));
    }

    public List<CommandSpec> all() {
        return List.copyOf(specs.values());
    }

    /** The FEAT lines for a session (without the leading space). */
    public List<String> features(Session session) {
        List<String> lines = new ArrayList<>();
        for (CommandSpec spec : specs.values()) {
            for (String line : spec.features().apply(session)) {
                if (!lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** The verbs laid out as GCT's HELP does: rows of eight, each {@code "    "} + verb padded to 4. */
    public List<String> helpGrid() {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        int n = 0;
        for (String verb : specs.keySet()) {
            row.append("    ").append(String.format("%-4s", verb));
            if (++n % 8 == 0) {
                rows.add(row.toString());
                row.setLength(0);
            }
        }
        if (row.length() > 0) {
            rows.add(row.toString());
        }
        return rows;
    }
}
