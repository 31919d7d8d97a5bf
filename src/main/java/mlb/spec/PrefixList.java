package mlb.spec;

import io.vavr.collection.List;
import io.vavr.control.Validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

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

    /** key: the dst_file / src_file node, whose value names the file. */
    static Validation<List<Diagnostic>, List<String>> read(Node key, ListFiles files) {
        return Problems.one(Fields.string(key, "\"lists/banks.txt\"")).flatMap(name -> files.text(name)
                .fold(p -> Validation.invalid(List.of(key.problem(Code.UNREADABLE, "cannot read " + files.shown(name) + ": " + p.message(),
                                "give the list's path relative to the spec's folder"))),
                        text -> parse(text, files.shown(name), key.path())));
    }

    static Validation<List<Diagnostic>, List<String>> parse(String text, String file, String keyPath) {
        Set<String> prefixes = new LinkedHashSet<>();
        java.util.List<Diagnostic> bad = new ArrayList<>();
        int badLines = 0;
        int line = 0;
        for (String raw : (Iterable<String>) text.lines()::iterator) {
            line++;
            int hash = raw.indexOf('#');
            String entry = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (entry.isEmpty()) continue;
            var prefix = Ipv4.prefix(entry);
            if (prefix.isDefined()) {
                prefixes.add(prefix.get());
            } else if (++badLines <= SHOWN) {
                bad.add(new Diagnostic(Code.BAD_LIST_LINE, file, line, 1, keyPath, "not an IPv4 prefix: " + Problems.quote(entry), hint(entry)));
            }
        }
        if (badLines > SHOWN) {
            bad.add(new Diagnostic(Code.BAD_LIST_LINE, file, 0, 0, keyPath, (badLines - SHOWN) + " more lines that are not IPv4 prefixes", ""));
        }
        return bad.isEmpty() ? Validation.valid(List.ofAll(prefixes)) : Validation.invalid(List.ofAll(bad));
    }

    private static String hint(String entry) {
        if (Ipv4.isIpv6(entry)) return Addresses.IPV6 + ": leave IPv6 prefixes out of this list";
        return Ipv4.parsePrefix(entry, false).map(p -> "host bits are set: write " + p.network())
                .getOrElse("one prefix a line, e.g. 198.51.100.0/24, or an address; # starts a comment");
    }
}
