package org.gantry.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The control-channel dialogue as globus-url-copy {@code -dbg} prints it: a command follows a
 * {@code debug: sending command to <url>:} line, and a reply (one or more lines, the last one
 * being {@code NNN text}) follows {@code debug: response from <url>:}. Only meaningful for one
 * client session at a time (not for {@code -cc}).
 */
public final class GucDebugLog {

    private static final Pattern FINAL_REPLY_LINE = Pattern.compile("^\\d{3} .*");

    /** A command as sent and the final line of the reply that followed it (null if none did). */
    public record Exchange(String command, String reply) {
    }

    private final String output;
    private final List<String> replies = new ArrayList<>();
    private final List<Exchange> exchanges = new ArrayList<>();

    public GucDebugLog(String output) {
        this.output = output;
        parse(output.lines().toList());
    }

    private void parse(List<String> lines) {
        String pendingCommand = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("debug: sending command to ") && i + 1 < lines.size()) {
                pendingCommand = lines.get(++i);
            } else if (line.startsWith("debug: response from ")) {
                String last = null;
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("debug: ")) {
                    String replyLine = lines.get(++i);
                    if (FINAL_REPLY_LINE.matcher(replyLine).matches()) {
                        last = replyLine;
                        break;
                    }
                }
                if (last != null) {
                    replies.add(last);
                    if (pendingCommand != null) {
                        exchanges.add(new Exchange(pendingCommand, last));
                        pendingCommand = null;
                    }
                }
            }
        }
    }

    /** Final reply lines received, in order (including 1xx preliminary replies and the banner). */
    public List<String> replies() {
        return replies;
    }

    /** How many final reply lines are exactly {@code reply}. */
    public long countReplies(String reply) {
        return replies.stream().filter(reply::equals).count();
    }

    /** Commands sent that start with {@code prefix}, each with the reply read after it. */
    public List<Exchange> exchanges(String prefix) {
        return exchanges.stream().filter(e -> e.command().startsWith(prefix)).toList();
    }

    /** Everything the client printed (stdout and stderr). */
    public String output() {
        return output;
    }

    /** The raw output, for failure messages (the start and the end of long ones). */
    public String excerpt() {
        if (output.length() <= 8000) {
            return output;
        }
        return output.substring(0, 4000) + "\n[...]\n" + output.substring(output.length() - 4000);
    }
}
