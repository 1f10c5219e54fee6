package org.gantry.dsi.tape.internal.library;

import java.util.Locale;

/**
 * One injected failure of the simulated library. {@link #parse} reads the form {@link #describe}
 * starts with, so config and the shell share one syntax, e.g. {@code mount-failure T00003},
 * {@code mount-failure *}, {@code disabled T00001}, {@code drive-down 0}, {@code no-location},
 * {@code stuck-flush}, {@code checksum-mismatch}.
 */
public sealed interface Fault {

    /** Matches every cartridge in {@link MountFailure}. */
    String ANY_CARTRIDGE = "*";

    /** One line for the shell. */
    String describe();

    /** Mounting the cartridge (or any, with {@link #ANY_CARTRIDGE}) fails after the mount time. */
    record MountFailure(String cartridge) implements Fault {
        public boolean matches(String label) {
            return cartridge.equals(ANY_CARTRIDGE) || cartridge.equals(label);
        }

        @Override
        public String describe() {
            return "mount-failure " + cartridge + ": mounting " + (cartridge.equals(ANY_CARTRIDGE) ? "any cartridge" : cartridge) + " fails";
        }
    }

    /** The cartridge is disabled: its recalls fail, flushes go to another cartridge. Persisted. */
    record DisabledCartridge(String cartridge) implements Fault {
        @Override
        public String describe() {
            return "disabled " + cartridge + ": recalls from it fail, flushes avoid it";
        }
    }

    /** The drive takes no work; a cartridge in it is unmounted first. */
    record DriveDown(int drive) implements Fault {
        @Override
        public String describe() {
            return "drive-down " + drive + ": drive " + drive + " takes no work";
        }
    }

    /** Flushes write their bytes but return no tape location, so they fail. */
    record FlushWithoutLocation() implements Fault {
        @Override
        public String describe() {
            return "no-location: flushes end without a tape location and fail";
        }
    }

    /** Flush writes make no progress until the flush watchdog fails them. */
    record StuckFlush() implements Fault {
        @Override
        public String describe() {
            return "stuck-flush: flush writes hang until the watchdog fails them";
        }
    }

    /** Recalled bytes arrive corrupted, so the ADLER32 comparison fails. */
    record ChecksumMismatch() implements Fault {
        @Override
        public String describe() {
            return "checksum-mismatch: recalled data fails its ADLER32 check";
        }
    }

    /** Reads {@code kind [argument]}. */
    static Fault parse(String text) {
        String[] words = text.trim().split("\\s+");
        String kind = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1] : null;
        if (words.length > 2) {
            throw new IllegalArgumentException("a fault is 'kind [argument]': " + text);
        }
        switch (kind) {
            case "mount-failure":
                return new MountFailure(argument == null ? ANY_CARTRIDGE : argument);
            case "disabled":
                return new DisabledCartridge(required(argument, text));
            case "drive-down":
                try {
                    return new DriveDown(Integer.parseInt(required(argument, text)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("drive-down needs a drive number: " + text);
                }
            case "no-location":
                return new FlushWithoutLocation();
            case "stuck-flush":
                return new StuckFlush();
            case "checksum-mismatch":
                return new ChecksumMismatch();
            default:
                throw new IllegalArgumentException("unknown fault '" + kind + "'; known: mount-failure [cartridge|*],"
                        + " disabled <cartridge>, drive-down <n>, no-location, stuck-flush, checksum-mismatch");
        }
    }

    private static String required(String argument, String text) {
        if (argument == null) {
            throw new IllegalArgumentException("fault needs an argument: " + text);
        }
        return argument;
    }
}
