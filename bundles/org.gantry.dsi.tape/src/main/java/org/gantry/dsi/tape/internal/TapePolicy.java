package org.gantry.dsi.tape.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the tape DSI treats users and paths (the door's rules, as opposed to the library's
 * mechanics).
 *
 * @param families       path prefix to file family; the longest matching prefix wins, files
 *                       elsewhere belong to {@value #DEFAULT_FAMILY}
 * @param waitForRecall  a RETR of a nearline file waits for the recall (keeping the control
 *                       channel alive) instead of failing at once with a transient 4xx
 * @param recallWait     the longest a RETR waits before giving up with a transient 4xx
 * @param stagers        who may trigger recalls: {@code user:pathprefix} rules, {@code *} for any
 *                       user; a request no rule allows is refused permanently
 * @param priorities     recall priority per user (default 0; higher first)
 * @param pinLifetime    a recalled file stays on disk at least this long
 * @param flushRetry     a failed flush is queued again after this
 * @param fileMode       permissions of new files
 * @param directoryMode  permissions of new directories
 */
public record TapePolicy(Map<String, String> families, boolean waitForRecall, Duration recallWait,
        List<String> stagers, Map<String, Integer> priorities, Duration pinLifetime, Duration flushRetry,
        int fileMode, int directoryMode) {

    public static final String DEFAULT_FAMILY = "default";

    public TapePolicy {
        families = Map.copyOf(families);
        stagers = List.copyOf(stagers);
        priorities = Map.copyOf(priorities);
        for (String rule : stagers) {
            int colon = rule.indexOf(':');
            if (colon <= 0 || !rule.substring(colon + 1).startsWith("/")) {
                throw new IllegalArgumentException("stager rule must be user:/path (or *:/path): " + rule);
            }
        }
    }

    /** The family of a file at {@code path}. */
    public String familyOf(String path) {
        String best = null;
        for (String prefix : families.keySet()) {
            if (isWithin(path, prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? DEFAULT_FAMILY : families.get(best);
    }

    /** Whether {@code user} may make the library recall {@code path}. */
    public boolean mayStage(String user, String path) {
        for (String rule : stagers) {
            int colon = rule.indexOf(':');
            String who = rule.substring(0, colon);
            if ((who.equals("*") || who.equals(user)) && isWithin(path, rule.substring(colon + 1))) {
                return true;
            }
        }
        return false;
    }

    public int priorityOf(String user) {
        return priorities.getOrDefault(user, 0);
    }

    private static boolean isWithin(String path, String prefix) {
        if (prefix.equals("/")) {
            return true;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(p) || path.startsWith(p + "/");
    }
}
