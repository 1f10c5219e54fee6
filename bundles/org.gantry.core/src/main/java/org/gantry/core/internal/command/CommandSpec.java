package org.gantry.core.internal.command;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.gantry.core.internal.session.Session;

/**
 * A command's declared metadata and handler. The dispatcher enforces the flags; FEAT and HELP
 * are generated from the specs, so they list exactly what is implemented.
 *
 * @param verb               the upper-case verb
 * @param allowedBeforeLogin may run before USER/PASS succeeded
 * @param runsDuringTransfer acts at once while a transfer runs (ABOR, STAT)
 * @param abortsTransfers    aborts transfers, also those still queued (ABOR)
 * @param transfer           moves data over a data channel (can be aborted, is logged)
 * @param modifiesStorage    refused for read-only users
 * @param help               the syntax shown by {@code HELP verb}
 * @param features           lines this command contributes to FEAT (may depend on the session)
 * @param handler            runs it
 */
public record CommandSpec(String verb, boolean allowedBeforeLogin, boolean runsDuringTransfer,
        boolean abortsTransfers, boolean transfer,
        boolean modifiesStorage, String help, Function<Session, List<String>> features, CommandHandler handler) {

    public CommandSpec {
        Objects.requireNonNull(verb);
        Objects.requireNonNull(handler);
    }

    public static Builder verb(String verb) {
        return new Builder(verb);
    }

    /** Fluent construction: {@code CommandSpec.verb("RETR").transfer().help("...").handler(h)}. */
    public static final class Builder {
        private final String verb;
        private boolean beforeLogin;
        private boolean duringTransfer;
        private boolean aborts;
        private boolean transfer;
        private boolean modifies;
        private String help = "";
        private Function<Session, List<String>> features = s -> List.of();

        private Builder(String verb) {
            this.verb = verb;
            this.help = verb;
        }

        public Builder beforeLogin() {
            beforeLogin = true;
            return this;
        }

        public Builder duringTransfer() {
            duringTransfer = true;
            return this;
        }

        /** Aborts transfers (ABOR): runs at once while one runs or waits in the queue. */
        public Builder abortsTransfers() {
            aborts = true;
            duringTransfer = true;
            return this;
        }

        public Builder transfer() {
            transfer = true;
            return this;
        }

        public Builder modifies() {
            modifies = true;
            return this;
        }

        public Builder help(String syntax) {
            help = syntax;
            return this;
        }

        public Builder feature(String line) {
            features = s -> List.of(line);
            return this;
        }

        public Builder features(Function<Session, List<String>> lines) {
            features = lines;
            return this;
        }

        public CommandSpec handler(CommandHandler handler) {
            return new CommandSpec(verb, beforeLogin, duringTransfer, aborts, transfer, modifies, help, features,
                    handler);
        }
    }
}
