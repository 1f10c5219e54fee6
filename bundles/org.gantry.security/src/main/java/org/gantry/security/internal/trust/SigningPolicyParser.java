package org.gantry.security.internal.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code .signing_policy} text into a {@link SigningPolicy} (grammar there). Errors name
 * the statement that broke the rules; a file that fails to parse grants nothing.
 */
public final class SigningPolicyParser {

    private SigningPolicyParser() {
    }

    public static SigningPolicy parse(String text) {
        List<String> tokens = tokens(text);
        List<SigningPolicy.Block> blocks = new ArrayList<>();
        String ca = null;
        boolean maySign = false;
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i += 3) {
            String keyword = tokens.get(i);
            if (i + 2 >= tokens.size()) {
                throw new IllegalArgumentException("'" + keyword + "' needs two more values");
            }
            String type = tokens.get(i + 1);
            String value = tokens.get(i + 2);
            switch (keyword) {
                case "access_id_CA" -> {
                    if (ca != null) {
                        blocks.add(new SigningPolicy.Block(ca, maySign, List.copyOf(patterns)));
                    }
                    expect(type, "X509", keyword);
                    ca = value;
                    maySign = false;
                    patterns.clear();
                }
                case "pos_rights" -> {
                    requireBlock(ca, keyword);
                    expect(type, "globus", keyword);
                    maySign |= value.equals("CA:sign");
                }
                case "cond_subjects" -> {
                    requireBlock(ca, keyword);
                    expect(type, "globus", keyword);
                    patterns.addAll(tokens(value));
                }
                default -> throw new IllegalArgumentException("unsupported statement '" + keyword + "'");
            }
        }
        if (ca != null) {
            blocks.add(new SigningPolicy.Block(ca, maySign, List.copyOf(patterns)));
        }
        return new SigningPolicy(blocks);
    }

    private static void expect(String actual, String expected, String keyword) {
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("'" + keyword + "' with '" + actual + "' (only '" + expected
                    + "' is supported)");
        }
    }

    private static void requireBlock(String ca, String keyword) {
        if (ca == null) {
            throw new IllegalArgumentException("'" + keyword + "' before any access_id_CA");
        }
    }

    /**
     * White-space separated tokens; {@code '...'} and {@code "..."} quote (the quotes are
     * dropped); {@code #} starts a comment to the end of the line outside quotes.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated " + c + " quote");
                }
                tokens.add(text.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }
}
