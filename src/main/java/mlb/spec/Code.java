package mlb.spec;

import java.util.Locale;

/**
 * What kind of problem a diagnostic names: a stable word for scripts (`--json` gives it as "code"), so they need
 * not parse the message, which may be reworded. docs/spec.md lists them; a new kind of problem gets a new code,
 * and a code is never given a new meaning.
 */
public enum Code {
    /** The file cannot be read, or is not TOML. */
    UNREADABLE, TOML_SYNTAX,
    /** A key where it does not belong, one that is missing, or a value of the wrong TOML type. */
    UNKNOWN_KEY, MISSING_KEY, WRONG_TYPE, NOT_HERE,
    /** A value that is not one mlb takes, outside its range, or not an IPv4 address or prefix. */
    BAD_VALUE, OUT_OF_RANGE, BAD_ADDRESS,
    /** Values that must differ, not overlap, or agree with one another. */
    DUPLICATE, OVERLAP, CONFLICT,
    /** A name of a link no [[link]] has. */
    UNKNOWN_LINK,
    /** A line of a list file that is not a prefix. */
    BAD_LIST_LINE,
    /** A pin that would match every connection. */
    MATCHES_ALL,
    /** What the host has that the spec does not fit (found when compiling against the kernel's devices). */
    NO_DEVICE, DEVICE_UNUSABLE, NO_SOURCE, BAD_GATEWAY, SHARED_SOURCE, LAN_OVERLAP, TABLE_TOO_LARGE, NO_MARK_ROOM,
    /** An object that is not mlb's holds the identity of one mlb would make, or one of a shape mlb does not make. */
    FOREIGN_HOLDS, FOREIGN_ODD;

    /** The code as --json gives it: lower case with underscores. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
