package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Validation;

import java.util.ArrayList;

/**
 * A list file of prefixes (a pin's dst_file or src_file): one prefix or address a line, `#` comments, blank lines
 * ignored. Read line by line without the TOML parser, and without a source position per prefix (100 000 lines are
 * a country or provider list): a bad line is reported as file:line with its text, the first SHOWN of them and a
 * count of the rest. A prefix given twice counts once.
 */
final class PrefixList {
    static final int SHOWN = 10;

    private PrefixList() {
    }

    /** key: the dst_file / src_file node, whose value names the file. The prefixes as Ipv4.packed() gives them. */
    static Validation<List<Diagnostic>, long[]> read(Node key, ListFiles files) {
        return Problems.one(Fields.string(key, "\"lists/banks.txt\"")).flatMap(name -> files.text(name)
                .fold(p -> Validation.invalid(List.of(key.problem(Code.UNREADABLE, "cannot read " + files.shown(name) + ": " + p.message(),
                                "give the list's path relative to the spec's folder"))),
                        text -> parse(text, files.shown(name), key.path())));
    }

    /** Line by line over the text, without a string or an object per prefix until the list is made. */
    static Validation<List<Diagnostic>, long[]> parse(String text, String file, String keyPath) {
        long[] prefixes = new long[1024];
        int count = 0;
        java.util.List<Diagnostic> bad = new ArrayList<>();
        int badLines = 0;
        int line = 0;
        for (int at = 0; at < text.length(); ) {
            int end = text.indexOf('\n', at);
            if (end < 0) end = text.length();
            line++;
            String entry = entry(text, at, end);
            at = end + 1;
            if (entry.isEmpty()) continue;
            long prefix = Ipv4.packed(entry);
            if (prefix >= 0) {
                if (count == prefixes.length) prefixes = java.util.Arrays.copyOf(prefixes, count * 2);
                prefixes[count++] = prefix;
            } else if (++badLines <= SHOWN) {
                bad.add(new Diagnostic(Code.BAD_LIST_LINE, file, line, 1, keyPath, "not an IPv4 prefix: " + Problems.quote(entry), hint(entry)));
            }
        }
        if (badLines > SHOWN) {
            bad.add(new Diagnostic(Code.BAD_LIST_LINE, file, 0, 0, keyPath, (badLines - SHOWN) + " more lines that are not IPv4 prefixes", ""));
        }
        return bad.isEmpty() ? Validation.valid(java.util.Arrays.copyOf(prefixes, count)) : Validation.invalid(List.ofAll(bad));
    }

    /** The line from..to without its comment and the white space around what is left. */
    private static String entry(String text, int from, int to) {
        int end = from;
        while (end < to && text.charAt(end) != '#') end++;   // within the line: indexOf would scan the whole rest
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) end--;
        while (from < end && Character.isWhitespace(text.charAt(from))) from++;
        return text.substring(from, end);
    }

    private static String hint(String entry) {
        if (Ipv4.isIpv6(entry)) return Addresses.IPV6 + ": leave IPv6 prefixes out of this list";
        return Ipv4.parsePrefix(entry, false).map(p -> "host bits are set: write " + p.network())
                .getOrElse("one prefix a line, e.g. 198.51.100.0/24, or an address; # starts a comment");
    }
}
