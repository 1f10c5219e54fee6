package org.gantry.security.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gantry.security.api.Authenticator;
import org.gantry.security.api.UserAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER/PASS logins against a password file, plus optional anonymous access.
 *
 * <p>Password file format (see also the bundle README), UTF-8, one user per line:
 *
 * <pre>
 * # comment
 * NAME:HASH:ROOT:FLAGS
 * alice:pbkdf2-sha256$210000$&lt;base64 salt&gt;$&lt;base64 hash&gt;:/:
 * guest:pbkdf2-sha256$210000$&lt;base64 salt&gt;$&lt;base64 hash&gt;:/pub:readonly
 * </pre>
 *
 * HASH is PBKDF2-HMAC-SHA256 with a random 16-byte salt ({@link PasswordHasher}); ROOT is the
 * absolute path in the server namespace the user is confined to (the home directory is always
 * {@code /} inside it); FLAGS is a comma list, empty or {@code readonly}. Lines that do not parse,
 * including plain-text passwords, are rejected with a warning. The file is re-read when it
 * changes; {@link PasswordTool} writes it.
 *
 * <p>Works without a configuration (defaults) and without the file (then only anonymous, if
 * enabled, can log in).
 */
@Component(service = Authenticator.class, configurationPid = "org.gantry.security")
@Designate(ocd = SecurityConfig.class)
public class PasswordFileAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFileAuthenticator.class);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * Unknown users are checked against this well-formed hash that no password matches, so a
     * wrong user name costs as much time as a wrong password and does not reveal who exists.
     */
    static final String NO_SUCH_USER_HASH = PasswordHasher.SCHEME + "$" + PasswordHasher.ITERATIONS
            + "$" + Base64.getEncoder().encodeToString(new byte[16])
            + "$" + Base64.getEncoder().encodeToString(new byte[32]);

    private final PasswordHasher hasher = new PasswordHasher();

    private volatile Settings settings;

    @Activate
    @Modified
    void configure(SecurityConfig config) {
        Path file = Path.of(expandSystemProperties(config.passwordFile()));
        AnonymousPolicy anonymous = AnonymousPolicy.of(config.anonymous(), config.anonymousReadOnly(),
                config.anonymousRoot(), config.anonymousNames());
        if (anonymous.enabled() && !anonymous.root().startsWith("/")) {
            // Refuse rather than guess a root: guessing "/" would give guests the whole namespace.
            LOG.error("anonymousRoot '{}' is not an absolute path; anonymous access stays off", anonymous.root());
            anonymous = AnonymousPolicy.of(false, anonymous.readOnly(), "/", config.anonymousNames());
        }
        PlainPasswordPolicy plain = PlainPasswordPolicy.parse(config.plainPasswordLogins()).orElseGet(() -> {
            // Refuse rather than guess: an unknown value must not send passwords in clear.
            LOG.error("plainPasswordLogins '{}' is not loopback, always or never; using never",
                    config.plainPasswordLogins());
            return PlainPasswordPolicy.NEVER;
        });
        PasswordFile passwords = new PasswordFile(file);
        int users = passwords.size(); // loads now, so a missing file is reported at start-up
        settings = new Settings(passwords, anonymous, Math.max(0, config.failureDelayMillis()), plain);
        LOG.info("Authentication: password file {} ({} users), {}, plain password logins: {}", file, users,
                anonymous, plain.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public Optional<UserAccount> authenticate(String user, char[] password) {
        Settings s = settings;
        Optional<UserAccount> account = s.anonymous().isAnonymousName(user)
                ? s.anonymous().account()
                : checkPassword(s.passwords(), user, password);
        if (account.isEmpty()) {
            delay(s.failureDelayMillis());
        }
        return account;
    }

    @Override
    public boolean anonymousEnabled() {
        return settings.anonymous().enabled();
    }

    @Override
    public boolean allowsPlainPassword(String user, InetAddress client) {
        Settings s = settings;
        return s.anonymous().isAnonymousName(user) || s.plainPasswords().allows(client);
    }

    private Optional<UserAccount> checkPassword(PasswordFile passwords, String user, char[] password) {
        Optional<PasswordEntry> entry = user == null ? Optional.empty() : passwords.lookup(user);
        boolean matches = hasher.verify(password, entry.map(PasswordEntry::hash).orElse(NO_SUCH_USER_HASH));
        if (entry.isEmpty() || !matches) {
            return Optional.empty();
        }
        PasswordEntry e = entry.get();
        return Optional.of(new UserAccount(e.name(), e.root(), "/", e.readOnly(), false));
    }

    private static void delay(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Replaces {@code ${name}} with the system property {@code name}; unknown names stay as they are. */
    public static String expandSystemProperties(String value) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = System.getProperty(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private record Settings(PasswordFile passwords, AnonymousPolicy anonymous, long failureDelayMillis,
            PlainPasswordPolicy plainPasswords) {
    }
}
