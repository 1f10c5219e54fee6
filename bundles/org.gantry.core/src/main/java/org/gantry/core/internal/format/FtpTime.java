package org.gantry.core.internal.format;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The {@code YYYYMMDDHHMMSS} UTC time values of MDTM, MLST {@code Modify} and SITE UTIME. */
public final class FtpTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final Pattern SYNTAX = Pattern.compile("\\d{14}");

    private FtpTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static boolean looksLikeTime(String text) {
        return SYNTAX.matcher(text).matches();
    }

    /** @return the instant, or null if the text is not a valid time */
    public static Instant parse(String text) {
        if (!looksLikeTime(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
