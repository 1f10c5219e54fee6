package org.gantry.core.internal.command;

import java.util.List;

/** A group of related commands, one class per family (login, transfer, listing, ...). */
public interface CommandFamily {

    List<CommandSpec> commands();
}
