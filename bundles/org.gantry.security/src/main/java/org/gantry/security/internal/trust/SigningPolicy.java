package org.gantry.security.internal.trust;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one CA may sign, from an IGTF/Globus {@code <hash>.signing_policy} file: the subjects of
 * the certificates it issues must match one of its patterns.
 *
 * <p>Supported grammar (that of every IGTF signing policy; see {@link SigningPolicyParser}):
 *
 * <pre>
 * # comment to the end of the line
 * access_id_CA   X509   '/DC=org/DC=example/CN=Example CA'
 * pos_rights     globus CA:sign
 * cond_subjects  globus '"/DC=org/DC=example/*" "/O=Example/*"'
 * </pre>
 *
 * A file may hold several such blocks. Tokens are separated by white space, so a statement may
 * span lines; a single-quoted token may contain spaces and double quotes. In a pattern {@code *}
 * matches any characters (including {@code /}) and {@code ?} exactly one; everything else is
 * literal. DNs and patterns are compared in slash form, ignoring case (X.500 compares the usual
 * attribute values case-insensitively). A block grants nothing unless it says
 * {@code pos_rights globus CA:sign}. Anything else ({@code neg_rights}, {@code cond_banned_subjects},
 * access ids other than {@code X509}) makes the whole file invalid, so that nothing is granted by
 * a rule we do not understand.
 *
 * @param blocks one per {@code access_id_CA}
 */
public record SigningPolicy(List<Block> blocks) {

    /** The rights one {@code access_id_CA} statement gives. */
    public record Block(String caSubject, boolean maySign, List<String> subjectPatterns) {

        boolean appliesTo(String caDn) {
            return caSubject.equalsIgnoreCase(caDn);
        }

        boolean permits(String subjectDn) {
            if (!maySign) {
                return false;
            }
            for (String pattern : subjectPatterns) {
                if (toRegex(pattern).matcher(subjectDn).matches()) {
                    return true;
                }
            }
            return false;
        }
    }

    public SigningPolicy {
        blocks = List.copyOf(blocks);
    }

    /** Whether this file says anything about the CA {@code caDn}. */
    public boolean covers(String caDn) {
        return blocks.stream().anyMatch(block -> block.appliesTo(caDn));
    }

    /** Whether the CA {@code caDn} may issue a certificate for {@code subjectDn} (both slash form). */
    public boolean permits(String caDn, String subjectDn) {
        return blocks.stream().anyMatch(block -> block.appliesTo(caDn) && block.permits(subjectDn));
    }

    /** The patterns for {@code caDn}, for error messages. */
    public List<String> patternsFor(String caDn) {
        return blocks.stream().filter(block -> block.appliesTo(caDn))
                .flatMap(block -> block.subjectPatterns().stream()).toList();
    }

    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
