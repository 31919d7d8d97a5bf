package mlb.init;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import mlb.model.Device;
import mlb.spec.LinkWords;

/**
 * Uplinks → the text of a spec that validates, every guessed value with a comment saying where it came from.
 * Fewer than two uplinks are made up to two with placeholders, so the file is a template that still validates.
 * Placeholder addresses are documentation addresses (192.0.2.0/24, RFC 5737), never real ones; placeholder
 * devices are names the host does not have, so applying the template unchanged fails instead of routing.
 */
public final class FirstSpec {
    private static final int COMMENT_COLUMN = 28;
    private static final String PLACEHOLDER_RATE = "100mbit";

    private FirstSpec() {
    }

    /** where: "the host" or "netns NS"; hostDevices: every device name there (placeholders avoid them). */
    public static Draft write(List<Uplink> uplinks, Set<String> hostDevices, String where) {
        List<Uplink> named = uplinks.filter(u -> LinkWords.isDev(u.dev()));
        List<Uplink> unnamed = uplinks.removeAll(named);
        boolean rates = !named.isEmpty() && named.forAll(u -> u.speed().isDefined());
        List<String> names = linkNames(named);
        StringBuilder out = new StringBuilder(header(named.size(), where, unnamed));
        out.append("\n[balancer]\n").append(line("mode = \"route\"",
                "per flow, by hash; \"connmark\" gives each new connection a link and keeps it there"));
        for (int i = 0; i < named.size(); i++) {
            out.append(link(named.get(i), names.get(i), i + 1, rates, named));
        }
        List<String> placeholders = placeholderNames(names, 2 - named.size());
        Set<String> taken = hostDevices.addAll(named.map(Uplink::dev));
        for (int i = 0; i < placeholders.size(); i++) {
            String dev = freeDev(taken, named.size() + i + 1);
            taken = taken.add(dev);
            out.append(placeholder(placeholders.get(i), named.size() + i + 1, dev, rates));
        }
        return new Draft(out.toString(), named.size(), warnings(named, unnamed, where));
    }

    private static String header(int found, String where, List<Uplink> unnamed) {
        StringBuilder h = new StringBuilder("# A first mlb spec, written by `mlb init` from the links of " + where + ": "
                + count(found) + " found.\n"
                + "# Every value is a guess from what the kernel reports, and its comment says where it came from:\n"
                + "# check each, then `mlb validate -f FILE` and `mlb plan -f FILE` (which changes nothing).\n");
        if (found < 2) {
            h.append("# Balancing needs two links: the values marked \"placeholder\" are for you to fill in.\n");
        }
        for (Uplink u : unnamed) {
            h.append("# Left out: ").append(clean(u.dev())).append(" (").append(clean(u.route().describe()))
                    .append("): a spec cannot name this interface; rename it (ip link set NAME name wan1).\n");
        }
        return h.toString();
    }

    private static List<String> warnings(List<Uplink> named, List<Uplink> unnamed, String where) {
        List<String> w = unnamed.map(u -> "left out " + clean(u.dev()) + ": a spec cannot name this interface");
        if (named.size() >= 2) return w;
        String what = named.isEmpty() ? "no uplink" : "one uplink (" + named.head().dev() + ")";
        return w.append("found " + what + " on " + where + ": balancing needs two; the spec has placeholders to fill in");
    }

    private static String link(Uplink u, String name, int n, boolean rates, List<Uplink> all) {
        return "\n[[link]]\n"
                + line("name = " + quoted(name), nameComment(u.dev(), name))
                + line("dev = " + quoted(u.dev()), state(u))
                + gateway(u, n)
                + share(u, rates, all)
                + check(n);
    }

    private static String nameComment(String dev, String name) {
        if (dev.equals(name)) return "";
        return name.equals(tame(dev)) ? "from the interface's name" : "a name of its own: " + dev + "'s is taken or no link name";
    }

    private static String placeholder(String name, int n, String dev, boolean rates) {
        return "\n[[link]]\n"
                + line("name = " + quoted(name), "placeholder: link " + n + " was not found")
                + line("dev = " + quoted(dev), "placeholder: the interface of ISP " + n)
                + line("gateway = " + quoted(placeholderGateway(n)), "placeholder: the address of ISP " + n + "'s router")
                + (rates ? line("bandwidth = " + quoted(PLACEHOLDER_RATE), "placeholder: ISP " + n + "'s rate")
                : line("weight = 1", "placeholder: ISP " + n + "'s share"))
                + check(n);
    }

    private static String state(Uplink u) {
        String addresses = u.addresses().isEmpty() ? "no IPv4 address"
                : u.addresses().map(a -> a.address() + "/" + a.prefix() + a.peer().map(p -> " peer " + p).getOrElse(""))
                .mkString(", ");
        String link = !u.up() ? "down" : u.carrier() ? "up, carrier on" : "up, no carrier now (cable in? modem on?)";
        return addresses + "; " + link;
    }

    private static String gateway(Uplink u, int n) {
        GatewayRoute r = u.route();
        if (r.gateway().isDefined()) {
            String g = r.gateway().get();
            Option<String> wrong = LinkWords.notAGateway(g);
            return wrong.isEmpty() ? line("gateway = " + quoted(g), "gateway from " + r.describe())
                    : line("gateway = " + quoted(placeholderGateway(n)), "placeholder: " + r.describe() + " goes through "
                    + g + ", " + wrong.get() + ": write the address of the ISP's router");
        }
        Option<String> peer = u.addresses().flatMap(a -> a.peer()).find(p -> LinkWords.notAGateway(p).isEmpty());
        return peer.map(p -> line("gateway = " + quoted(p), "gateway from " + u.dev() + "'s peer address ("
                        + r.describe() + " names no gateway)"))
                .getOrElse(() -> line("gateway = " + quoted(placeholderGateway(n)),
                        "placeholder: " + r.describe() + " names no gateway: write the address of the ISP's router"));
    }

    private static String share(Uplink u, boolean rates, List<Uplink> all) {
        if (rates) {
            int mbps = u.speed().get();
            return line("bandwidth = " + quoted(mbps + "mbit"),
                    "weight from the " + mbps + " Mb/s link speed: change it to your ISP's rate");
        }
        List<Uplink> known = all.filter(o -> o.speed().isDefined());
        String why = known.isEmpty() ? "the kernel knows no link's speed"
                : "the kernel knows the speed of " + known.map(Uplink::dev).mkString(", ")
                + " but not of every link, and rates are for all links or none";
        return line("weight = 1", "equal shares: " + why + "; write each ISP's rate as bandwidth = \"100mbit\"");
    }

    /** Commented out: mlb init never guesses an address to probe, and never a public one. */
    private static String check(int n) {
        return line("# [link.check]", "what `mlb monitor` probes through this link: uncomment and write")
                + line("# targets = [\"" + placeholderGateway(n) + "\"]", "addresses that answer through it (placeholder)");
    }

    /** "ISP's router" for the n-th link: in 192.0.2.0/24, kept out of the real world by RFC 5737. */
    private static String placeholderGateway(int n) {
        return "192.0.2." + n;
    }

    private static List<String> linkNames(List<Uplink> uplinks) {
        List<String> names = List.empty();
        for (int i = 0; i < uplinks.size(); i++) {
            String tamed = tame(uplinks.get(i).dev());
            String name = LinkWords.isLinkName(tamed) && !names.contains(tamed) ? tamed : free(names, "isp", i + 1);
            names = names.append(name);
        }
        return names;
    }

    private static List<String> placeholderNames(List<String> taken, int count) {
        List<String> out = List.empty();
        for (int i = 0; i < count; i++) out = out.append(free(taken.appendAll(out), "isp", taken.size() + i + 1));
        return out;
    }

    private static String free(List<String> taken, String prefix, int from) {
        int n = from;
        while (taken.contains(prefix + n)) n++;
        return prefix + n;
    }

    private static String freeDev(Set<String> taken, int from) {
        int n = from;
        while (taken.contains("wan" + n)) n++;
        return "wan" + n;
    }

    /** An interface name as a link name: lower case, runs of other characters as one "-". */
    static String tame(String dev) {
        String t = dev.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[_-]+", "");
        return t.substring(0, Math.min(15, t.length()));
    }

    private static String line(String keyValue, String comment) {
        if (comment.isEmpty()) return keyValue + "\n";
        return keyValue + " ".repeat(Math.max(1, COMMENT_COLUMN - keyValue.length())) + "# " + clean(comment) + "\n";
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String count(int n) {
        return n == 0 ? "no uplink" : n == 1 ? "1 uplink" : n + " uplinks";
    }

    /** Interface names may hold what a TOML comment may not (control characters). */
    private static String clean(String s) {
        return s.codePoints().mapToObj(c -> c < 0x20 || c == 0x7f ? "?" : new String(Character.toChars(c)))
                .reduce("", String::concat);
    }
}
