package org.gantry.core.internal.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.gantry.core.internal.protocol.FtpCommand;
import org.gantry.core.internal.protocol.FtpReplyException;
import org.gantry.core.internal.protocol.Replies;
import org.gantry.core.internal.protocol.Reply;
import org.gantry.core.internal.session.Session;
import org.gantry.core.internal.session.Target;
import org.gantry.dsi.api.Checksum;
import org.gantry.dsi.support.ChecksumAlgorithm;

/**
 * CKSM: a checksum over a file or a range of it, computed (or looked up) by the file's DSI, with
 * 113 progress markers every n seconds after {@code OPTS CKSM markers=n} (as the Globus server
 * sends them). FEAT advertises the algorithms of the DSI serving the user's {@code /}, in GCT's
 * {@code CKSM ALG:metric;...;} form. SCKS: the checksum the next upload must have.
 */
final class ChecksumCommands implements CommandFamily {

    /**
     * Wire tokens in FEAT order with GCT's cost metric (1..20, higher is dearer): ADLER32 first,
     * as the grid's default; metrics as GCT's file DSI gives them, the CRCs as cheap as ADLER32.
     */
    private static final Map<String, Integer> ALGORITHMS = new LinkedHashMap<>();

    static {
        ALGORITHMS.put("ADLER32", 10);
        ALGORITHMS.put("MD5", 10);
        ALGORITHMS.put("CRC32", 10);
        ALGORITHMS.put("CRC32C", 10);
        ALGORITHMS.put("SHA1", 10);
        ALGORITHMS.put("SHA256", 11);
        ALGORITHMS.put("SHA512", 12);
    }

    /** {@code markers=n}: seconds between 113 markers, 0 for none. */
    private static final Pattern MARKERS = Pattern.compile("markers=(\\d{1,5})", Pattern.CASE_INSENSITIVE);

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.verb("CKSM").help("CKSM <sp> algorithm <sp> offset <sp> length <sp> path")
                        .features(ChecksumCommands::feature).handler(this::cksm),
                CommandSpec.verb("SCKS").help("SCKS <sp> algorithm <sp> value").handler(this::scks));
    }

    /**
     * Negative or malformed numbers are a syntax error (501). A well-formed range that the file
     * does not have (offset past its end, or offset + length past it) is a property of the file,
     * like a missing file, so 550; answering with the checksum of the shorter range that exists
     * would let a client compare values over different bytes without noticing.
     */
    private CompletionStage<Reply> cksm(Session session, FtpCommand command) {
        ChecksumRequest request = ChecksumRequest.parse(Commands.requireArgument(command));
        Target target = session.storage().target(request.path());
        // Only the tokens FEAT can advertise, and only where the file's own DSI computes them.
        if (!ALGORITHMS.containsKey(request.algorithm()) || !supported(target).contains(request.algorithm())) {
            return Commands.done(Replies.unsupportedChecksum(request.algorithm()));
        }
        ChecksumMarkers markers = ChecksumMarkers.start(session, session.parameters().checksumMarkerInterval());
        CompletionStage<String> value = session.storage().call(target, (ds, p) -> ds.stat(p, true))
                .thenCompose(info -> {
                    if (!info.isFile()) {
                        throw new FtpReplyException(Replies.notAPlainFile(target.userPath()));
                    }
                    if (!request.fitsIn(info.size())) {
                        throw new FtpReplyException(Replies.checksumRangeBeyondEnd(target.userPath(), info.size()));
                    }
                    return session.storage().call(target, (ds, p) -> ds.checksum(p, request.algorithm(),
                            request.offset(), request.length(), markers.progress()));
                });
        // A long computation is work for the client, not idleness.
        return session.activeWhile(markers.until(value)).thenApply(Replies::fileStatus);
    }

    /**
     * {@code SCKS alg value}: kept for the next STOR, ESTO or APPE, which fails (and stores
     * nothing) if its data does not have this checksum.
     */
    private CompletionStage<Reply> scks(Session session, FtpCommand command) {
        String[] args = Commands.requireArgument(command).trim().split(" +");
        if (args.length != 2) {
            return Commands.done(Replies.SYNTAX_ERROR_ARGS);
        }
        String token = args[0].toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(token)) {
            return Commands.done(Replies.unsupportedChecksum(args[0]));
        }
        try {
            session.parameters().expectedChecksum(new Checksum(token, ChecksumAlgorithm.normalize(token, args[1])));
        } catch (IllegalArgumentException e) {
            return Commands.done(Replies.badChecksumValue(token, args[1]));
        }
        return Commands.done(Replies.SCKS_OK);
    }

    /** {@code OPTS CKSM markers=n}: 113 markers every n seconds during CKSM (0: none). */
    static Reply options(Session session, String value) {
        Matcher m = MARKERS.matcher(value.trim());
        if (!m.matches()) {
            return Replies.SYNTAX_ERROR_ARGS;
        }
        int seconds = Integer.parseInt(m.group(1));
        session.parameters().checksumMarkerInterval(seconds == 0 ? null : Duration.ofSeconds(seconds));
        return Replies.OPTS_OK;
    }

    /** The FEAT line, or none when the storage at {@code /} is unavailable or offers no algorithm. */
    private static List<String> feature(Session session) {
        Set<String> supported;
        try {
            supported = supported(session.storage().target("/"));
        } catch (FtpReplyException unavailable) {
            return List.of();
        }
        String list = ALGORITHMS.entrySet().stream().filter(a -> supported.contains(a.getKey()))
                .map(a -> a.getKey() + ":" + a.getValue() + ";").collect(Collectors.joining());
        return list.isEmpty() ? List.of() : List.of("CKSM " + list);
    }

    /** The target DSI's algorithm tokens, upper case so that matching is case-insensitive. */
    private static Set<String> supported(Target target) {
        return target.entry().dsi().capabilities().checksumAlgorithms().stream()
                .map(a -> a.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
