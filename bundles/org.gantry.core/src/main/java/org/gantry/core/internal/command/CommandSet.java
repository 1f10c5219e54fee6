package org.gantry.core.internal.command;

/** Builds the command table and its dispatcher: every command family the server implements. */
public final class CommandSet {

    private CommandSet() {
    }

    public static CommandDispatcher dispatcher() {
        CommandTable table = new CommandTable();
        table.register(new LoginCommands());
        table.register(new SecurityCommands());
        table.register(new InfoCommands(table));
        table.register(new NavigationCommands());
        table.register(new ParameterCommands());
        table.register(new DataChannelCommands());
        TransferCommands transfers = new TransferCommands();
        table.register(transfers);
        table.register(new GetPutCommands(transfers));
        table.register(new ListingCommands());
        table.register(new NamespaceCommands());
        table.register(new FactCommands());
        table.register(new ChecksumCommands());
        table.register(new SiteCommands());
        return new CommandDispatcher(table);
    }
}
