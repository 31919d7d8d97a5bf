package mlb.kernel.ip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.KernelObject;
import mlb.model.Nexthop;
import mlb.model.NexthopGroup;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.Rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses `ip -N -j -d` output (numeric protocol, table, type) into model objects. Pure: tests feed it
 * fixtures captured from a real kernel. Objects of a shape mlb never creates come back empty: they are counted,
 * never changed. Any name the kernel reports is accepted here; only the words mlb writes are checked (Tokens).
 */
public final class IpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int RTN_UNICAST = 1;
    private static final int RTN_BLACKHOLE = 6;
    private static final int RTN_UNREACHABLE = 7;
    /** -N prints a rule's protocol as "ipproto-N". */
    private static final Pattern IPPROTO = Pattern.compile("ipproto-(\\d+)");

    private IpJson() {
    }

    public static JsonNode tree(String json) {
        try {
            return json.isBlank() ? MAPPER.createArrayNode() : MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable ip -j output: " + e.getMessage(), e);
        }
    }

    public static int protocol(JsonNode n) {
        return n.path("protocol").asInt(0);
    }

    /** The three rules every namespace starts with (local, main, default); not worth counting as foreign. */
    public static boolean kernelDefault(JsonNode n) {
        int priority = n.path("priority").asInt(-1);
        boolean defaultPriority = priority == 0 || priority == 32766 || priority == 32767;
        return defaultPriority && n.path("src").asText("all").equals("all") && n.path("protocol").asInt(2) == 2
                && n.size() <= 4;
    }

    /** A rule as mlb writes them (read with -N: numbers for tables, protocols and actions), or none. */
    public static Option<KernelObject> rule(JsonNode n) {
        if (n.has("iif") || n.has("not") || n.has("goto") || n.has("uidrange") || n.has("tos")) return Option.none();
        boolean blackhole = String.valueOf(RTN_BLACKHOLE).equals(n.path("action").asText());
        Option<Integer> table = blackhole ? Option.some(0) : number(n.path("table"));
        Option<Rule.Match> match = match(n);
        if (table.isEmpty() || match.isEmpty() || n.has("action") && !blackhole) return Option.none();
        return Option.some(new Rule(n.path("priority").asInt(), source(n), text(n, "oif"), fwmark(n), match.get(),
                blackhole ? Rule.Action.BLACKHOLE : Rule.Action.LOOKUP, table.get(),
                n.has("suppress_prefixlen") ? Option.some(n.get("suppress_prefixlen").asInt()) : Option.none(),
                protocol(n)));
    }

    /** A pin's selectors; none when the protocol is printed as a name -N does not turn into a number. */
    private static Option<Rule.Match> match(JsonNode n) {
        Option<Integer> ipproto = Option.none();
        if (n.has("ipproto")) {
            Matcher m = IPPROTO.matcher(n.get("ipproto").asText());
            if (!m.matches()) return Option.none();
            ipproto = Option.some(Integer.parseInt(m.group(1)));
        }
        Option<String> to = n.has("dst") ? Option.some(prefix(n.get("dst").asText(), n.path("dstlen").asInt(32))) : Option.none();
        return Option.some(new Rule.Match(to, ipproto, ports(n, "sport"), ports(n, "dport")));
    }

    /** One port prints as "dport": N, a range as "dport_start" and "dport_end". */
    private static Option<Rule.Ports> ports(JsonNode n, String key) {
        if (n.has(key)) return Option.some(new Rule.Ports(n.get(key).asInt(), n.get(key).asInt()));
        if (!n.has(key + "_start")) return Option.none();
        return Option.some(new Rule.Ports(n.get(key + "_start").asInt(), n.path(key + "_end").asInt()));
    }

    public static Option<KernelObject> route(JsonNode n, int table) {
        int type = n.path("type").asInt(RTN_UNICAST);
        String dst = n.path("dst").asText();
        long metric = n.path("metric").asLong(0);
        if (type == RTN_UNREACHABLE) {
            return Option.some(new Route(table, dst, metric, new RouteTarget.Unreachable(), protocol(n)));
        }
        if (type != RTN_UNICAST || n.has("nexthops") && !n.has("nhid") || n.has("tos") && n.get("tos").asInt() != 0) {
            return Option.none();
        }
        if (n.has("nhid")) {
            return Option.some(new Route(table, dst, metric, new RouteTarget.Group(n.get("nhid").asInt()), protocol(n)));
        }
        if (n.has("dev")) {
            RouteTarget via = new RouteTarget.Gateway(gateway(n), n.get("dev").asText(), onlink(n));
            return Option.some(new Route(table, dst, metric, via, protocol(n)));
        }
        return Option.none();
    }

    /** A gateway, or none (a route or nexthop on its device only, as `via 0.0.0.0` ends up). */
    private static String gateway(JsonNode n) {
        return n.has("gateway") ? n.get("gateway").asText() : Nexthop.NO_GATEWAY;
    }

    /** The kernel's words for a nexthop of a shape the model does not hold, for the message that names it. */
    public static String nexthopWords(JsonNode n) {
        return "nexthop id " + n.path("id").asInt() + (n.has("blackhole") ? " blackhole" : "")
                + (n.has("dev") ? " dev " + n.get("dev").asText() : "") + (n.has("encap") ? " encap" : "")
                + (n.has("fdb") ? " fdb" : "") + " proto " + protocol(n);
    }

    /** The same for a route: its type (by number), destination, table and what it goes through. */
    public static String routeWords(JsonNode n, int table) {
        int type = n.path("type").asInt(RTN_UNICAST);
        return "route " + (type == RTN_UNICAST ? "" : "type " + type + " ") + n.path("dst").asText() + " table " + table
                + (n.has("metric") ? " metric " + n.get("metric").asText() : "")
                + (n.has("nexthops") ? " multipath" : n.has("dev") ? " dev " + n.get("dev").asText() : "")
                + (n.has("tos") ? " tos " + n.get("tos").asText() : "") + " proto " + protocol(n);
    }

    public static Option<KernelObject> nexthop(JsonNode n) {
        int id = n.path("id").asInt();
        if (n.has("group")) {
            List<NexthopGroup.Member> members = List.empty();
            for (JsonNode m : n.get("group")) {
                members = members.append(new NexthopGroup.Member(m.path("id").asInt(), m.path("weight").asInt(1)));
            }
            boolean resilient = "resilient".equals(n.path("type").asText());
            JsonNode args = n.path("resilient_args");
            return Option.some(new NexthopGroup(id, members, resilient, args.path("buckets").asInt(0),
                    args.path("idle_timer").asInt(NexthopGroup.DEFAULT_IDLE_TIMER),
                    args.path("unbalanced_timer").asInt(NexthopGroup.DEFAULT_UNBALANCED_TIMER), protocol(n)));
        }
        if (n.has("dev") && !n.has("encap") && !n.has("blackhole") && !n.has("fdb")) {
            return Option.some(new Nexthop(id, gateway(n), n.get("dev").asText(), onlink(n), protocol(n)));
        }
        return Option.none();
    }

    private static boolean onlink(JsonNode n) {
        for (JsonNode f : n.path("flags")) {
            if ("onlink".equals(f.asText())) return true;
        }
        return false;
    }

    /** Rules print a prefix as src + srclen; a host source has no srclen. */
    private static Option<String> source(JsonNode n) {
        String src = n.path("src").asText("all");
        if (src.equals("all")) return Option.none();
        return Option.some(prefix(src, n.path("srclen").asInt(32)));
    }

    private static String prefix(String address, int length) {
        return length == 32 ? address : address + "/" + length;
    }

    /** iproute2 prints the mask only when it is not the whole word. */
    private static Option<Rule.Mark> fwmark(JsonNode n) {
        if (!n.has("fwmark")) return Option.none();
        long mask = n.has("fwmask") ? number(n.get("fwmask").asText()) : Rule.Mark.ALL;
        return Option.some(new Rule.Mark(number(n.get("fwmark").asText()), mask));
    }

    private static long number(String s) {
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }

    private static Option<Integer> number(JsonNode n) {
        try {
            return Option.some(Integer.parseInt(n.asText()));
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    private static Option<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Option.some(n.get(field).asText()) : Option.none();
    }
}
