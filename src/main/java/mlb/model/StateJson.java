package mlb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

import java.util.ArrayList;

/**
 * Canonical JSON of a NetState: one array per kind, objects in identity order, fields in a fixed order. A kind
 * without objects has no array (states recorded before it existed read the same). The elements of a plain set
 * (a pin's list: 100 000 of them is a country's) are one array of items per set rather than an object each, and
 * in the audit record a long one is a file named by its hash.
 * Used for `plan --json`, saved plans and the audit history; decode(encode(s)) equals s.
 */
public final class StateJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** The plain sets' elements, as one list of items per set (state documents of format 3 and later). */
    private static final String ITEMS = "nft_set_items";
    /** From this many items on, a record keeps a set's list in a file of its own. */
    public static final int LIST_FILE_MIN = 1000;

    private StateJson() {
    }

    public static ObjectNode encode(NetState state) {
        return encode(state, Option.none());
    }

    /**
     * With files: the items of a set of LIST_FILE_MIN and more go to a file of their own (one a line), named by
     * the sha256 of its text, and the document names the file and its hash. Two states holding one list (what
     * was wanted and what the kernel held after) name the same file, and git keeps an unchanged list once.
     */
    public static ObjectNode encode(NetState state, Option<java.util.Map<String, String>> files) {
        ObjectNode root = F.objectNode();
        for (Kind k : Kind.values()) if (!k.nft()) root.putArray(field(k));
        // each set's items in state order: a list as it is, other sets' elements gathered
        java.util.Map<SetName, NftAddresses> lists = new java.util.HashMap<>();
        java.util.Map<SetName, java.util.List<String>> items = new java.util.LinkedHashMap<>();
        state.all().forEach(o -> {
            if (o instanceof NftAddresses l) {
                lists.put(new SetName(l.table(), l.set()), l);
                items.put(new SetName(l.table(), l.set()), java.util.List.of());
            } else if (o instanceof NftElement e && listed(e)) {
                items.computeIfAbsent(new SetName(e.table(), e.set()), k -> new ArrayList<>()).add(((NftElement.Prefix) e.item()).prefix());
            } else {
                array(root, field(o.kind())).add(encode(o));
            }
        });
        if (!items.isEmpty()) {
            ArrayNode out = root.putArray(ITEMS);
            items.forEach((set, list) -> {
                ObjectNode n = out.addObject().put("table", set.table()).put("set", set.set());
                if (lists.containsKey(set)) addresses(n, lists.get(set), files);
                else items(n, list, files);
            });
        }
        return root;
    }

    /** A list's items; a long one in a file, its text and hash made once per list (the monitor journals three states). */
    private static void addresses(ObjectNode n, NftAddresses l, Option<java.util.Map<String, String>> files) {
        if (files.isEmpty() || l.size() < LIST_FILE_MIN) {
            ArrayNode a = n.putArray("items");
            for (int i = 0; i < l.size(); i++) a.add(l.text(i));
            return;
        }
        String name = "set-" + l.sha256() + ".txt";
        files.get().put(name, l.lines());
        n.put("count", l.size()).put("sha256", l.sha256()).put("file", name);
    }

    /** The elements kept as a set's list of items rather than one object each: keys of a plain set. */
    private static boolean listed(NftElement e) {
        return e.jump().isEmpty() && e.item() instanceof NftElement.Prefix;
    }

    private record SetName(String table, String set) {
    }

    private static void items(ObjectNode n, java.util.List<String> list, Option<java.util.Map<String, String>> files) {
        if (files.isEmpty() || list.size() < LIST_FILE_MIN) {
            ArrayNode a = n.putArray("items");
            list.forEach(a::add);
            return;
        }
        String text = String.join("\n", list) + "\n";
        String sha = sha256(text);
        String name = "set-" + sha + ".txt";
        files.get().put(name, text);
        n.put("count", list.size()).put("sha256", sha).put("file", name);
    }

    /** A set's items from the document, or from the file it names, checked against its hash and count. */
    private static java.util.List<String> items(JsonNode n, java.util.function.Function<String, Option<String>> files) {
        java.util.List<String> out = new ArrayList<>();
        if (!n.has("file")) {
            n.path("items").forEach(i -> out.add(i.asText()));
            return out;
        }
        String name = n.get("file").asText();
        String text = files.apply(name).getOrElseThrow(() -> new IllegalArgumentException("the state keeps the items of set "
                + n.path("set").asText() + " in " + name + ", which is missing"));
        if (!sha256(text).equals(n.path("sha256").asText())) {
            throw new IllegalArgumentException(name + " does not match the sha256 the state names for it");
        }
        text.lines().forEach(out::add);
        if (out.size() != n.path("count").asInt()) throw new IllegalArgumentException(name + " holds " + out.size()
                + " items, the state names " + n.path("count").asInt());
        return out;
    }

    /** The hex sha256 of a text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode array(ObjectNode root, String field) {
        return root.has(field) ? (ArrayNode) root.get(field) : root.putArray(field);
    }

    public static String text(NetState state) {
        return text(state, Option.none());
    }

    /** The document, with long lists put in files (see {@link #encode(NetState, Option)}). */
    public static String text(NetState state, Option<java.util.Map<String, String>> files) {
        try {
            return MAPPER.writeValueAsString(encode(state, files)) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static NetState parse(String json) {
        return parse(json, name -> Option.none());
    }

    /** A document whose lists may be in files: files gives a file's text by name. */
    public static NetState parse(String json, java.util.function.Function<String, Option<String>> files) {
        try {
            return decode(MAPPER.readTree(json), files);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a state document: " + e.getMessage(), e);
        }
    }

    public static NetState decode(JsonNode root) {
        return decode(root, name -> Option.none());
    }

    /** Documents before lists (every element an object) read the same. */
    public static NetState decode(JsonNode root, java.util.function.Function<String, Option<String>> files) {
        java.util.List<KernelObject> all = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (JsonNode n : root.path(field(k))) all.add(decode(k, n));
        }
        java.util.Set<String> lists = NftAddresses.listedSets(all);
        for (JsonNode n : root.path(ITEMS)) {
            String table = n.path("table").asText();
            String set = n.path("set").asText();
            java.util.List<String> items = items(n, files);
            // a plain set's items become its list at once, not an element each for NetState.of to fold
            Option<NftAddresses> list = lists.contains(table + " " + set) ? NftAddresses.of(table, set, items) : Option.none();
            if (list.isDefined()) all.add(list.get());
            else items.forEach(i -> all.add(NftElement.of(table, set, new NftElement.Prefix(i))));
        }
        return NetState.of(all);
    }

    private static String field(Kind k) {
        return switch (k) {
            case SYSCTL -> "sysctls";
            case NEXTHOP -> "nexthops";
            case GROUP -> "groups";
            case ROUTE -> "routes";
            case RULE -> "rules";
            case NFT_TABLE -> "nft_tables";
            case NFT_HELPER -> "nft_helpers";
            case NFT_SET -> "nft_sets";
            case NFT_CHAIN -> "nft_chains";
            case NFT_ELEMENT -> "nft_elements";
        };
    }

    public static ObjectNode encode(KernelObject o) {
        ObjectNode n = F.objectNode();
        return o.match(s -> n.put("name", s.name()).put("value", s.value()),
                h -> nexthop(n, h),
                g -> group(n, g),
                r -> route(n, r),
                r -> rule(n, r),
                NftStateJson::encode);
    }

    /** onlink and non-default group timers only when set, so states recorded before them read the same. */
    private static ObjectNode nexthop(ObjectNode n, Nexthop h) {
        n.put("id", h.id()).put("gateway", h.gateway()).put("dev", h.dev());
        if (h.onlink()) n.put("onlink", true);
        return n.put("protocol", h.protocol());
    }

    private static ObjectNode group(ObjectNode n, NexthopGroup g) {
        n.put("id", g.id());
        ArrayNode members = n.putArray("members");
        g.members().forEach(m -> members.addObject().put("id", m.id()).put("weight", m.weight()));
        n.put("resilient", g.resilient()).put("buckets", g.buckets());
        if (!g.defaultTimers()) n.put("idle_timer", g.idleTimer()).put("unbalanced_timer", g.unbalancedTimer());
        return n.put("protocol", g.protocol());
    }

    private static ObjectNode route(ObjectNode n, Route r) {
        n.put("table", r.table()).put("dst", r.dst()).put("metric", r.metric());
        n.set("target", target(r.target()));
        return n.put("protocol", r.protocol());
    }

    private static ObjectNode rule(ObjectNode n, Rule r) {
        n.put("priority", r.priority());
        r.from().forEach(f -> n.put("from", f));
        r.oif().forEach(i -> n.put("oif", i));
        r.fwmark().forEach(m -> {
            n.put("fwmark", m.value());
            if (m.mask() != Rule.Mark.ALL) n.put("fwmask", m.mask());
        });
        r.match().to().forEach(t -> n.put("to", t));
        r.match().ipproto().forEach(p -> n.put("ipproto", p));
        r.match().sport().forEach(p -> n.put("sport", p.text()));
        r.match().dport().forEach(p -> n.put("dport", p.text()));
        if (r.action() == Rule.Action.BLACKHOLE) n.put("action", "blackhole");
        else n.put("table", r.table());
        r.suppressPrefixLength().forEach(p -> n.put("suppress_prefixlength", p));
        return n.put("protocol", r.protocol());
    }

    /** A rule's pin selectors; entries written before pins had none. */
    private static Rule.Match match(JsonNode n) {
        return new Rule.Match(text(n, "to"), n.has("ipproto") ? Option.some(n.get("ipproto").asInt()) : Option.none(),
                text(n, "sport").map(StateJson::ports), text(n, "dport").map(StateJson::ports));
    }

    private static Rule.Ports ports(String text) {
        String[] fl = text.split("-", 2);
        return new Rule.Ports(Integer.parseInt(fl[0]), Integer.parseInt(fl[fl.length - 1]));
    }

    private static ObjectNode target(RouteTarget t) {
        ObjectNode n = F.objectNode();
        return t.match(g -> g.onlink() ? n.put("via", g.via()).put("dev", g.dev()).put("onlink", true) : n.put("via", g.via()).put("dev", g.dev()),
                g -> n.put("nhid", g.nhid()),
                u -> n.put("type", "unreachable"));
    }

    /** A scope as the audit record, saved plans and pending confirms keep it. */
    public static ObjectNode encode(Scope scope) {
        ObjectNode n = F.objectNode().put("protocol", scope.protocol());
        ArrayNode ranges = n.putArray("priorities");
        scope.priorities().forEach(p -> ranges.addObject().put("first", p.first()).put("last", p.last()));
        scope.tables().forEach(n.putArray("tables")::add);
        scope.sysctls().forEach(n.putArray("sysctls")::add);
        if (!scope.nftTables().isEmpty()) scope.nftTables().forEach(n.putArray("nft_tables")::add);
        return n;
    }

    public static Scope decodeScope(JsonNode n) {
        TreeSet<Scope.Priorities> ranges = TreeSet.empty();
        for (JsonNode p : n.path("priorities")) {
            ranges = ranges.add(new Scope.Priorities(p.path("first").asInt(), p.path("last").asInt()));
        }
        return new Scope(n.path("protocol").asInt(), ranges,
                TreeSet.ofAll(List.ofAll(n.path("tables")).map(JsonNode::asInt)),
                TreeSet.ofAll(List.ofAll(n.path("sysctls")).map(JsonNode::asText)),
                TreeSet.ofAll(List.ofAll(n.path("nft_tables")).map(JsonNode::asText)));
    }

    private static KernelObject decode(Kind k, JsonNode n) {
        return switch (k) {
            case SYSCTL -> new Sysctl(n.path("name").asText(), n.path("value").asText());
            case NEXTHOP -> new Nexthop(n.path("id").asInt(), n.path("gateway").asText(), n.path("dev").asText(),
                    n.path("onlink").asBoolean(false), n.path("protocol").asInt());
            case GROUP -> new NexthopGroup(n.path("id").asInt(), members(n.path("members")),
                    n.path("resilient").asBoolean(), n.path("buckets").asInt(),
                    n.path("idle_timer").asInt(NexthopGroup.DEFAULT_IDLE_TIMER),
                    n.path("unbalanced_timer").asInt(NexthopGroup.DEFAULT_UNBALANCED_TIMER), n.path("protocol").asInt());
            case ROUTE -> new Route(n.path("table").asInt(), n.path("dst").asText(), n.path("metric").asLong(),
                    decodeTarget(n.path("target")), n.path("protocol").asInt());
            case RULE -> new Rule(n.path("priority").asInt(), text(n, "from"), text(n, "oif"),
                    n.has("fwmark") ? Option.some(new Rule.Mark(n.get("fwmark").asLong(), n.path("fwmask").asLong(Rule.Mark.ALL))) : Option.none(),
                    match(n), n.path("action").asText().equals("blackhole") ? Rule.Action.BLACKHOLE : Rule.Action.LOOKUP,
                    n.path("table").asInt(),
                    n.has("suppress_prefixlength") ? Option.some(n.get("suppress_prefixlength").asInt()) : Option.none(),
                    n.path("protocol").asInt());
            case NFT_TABLE, NFT_HELPER, NFT_SET, NFT_CHAIN, NFT_ELEMENT -> NftStateJson.decode(k, n);
        };
    }

    private static List<NexthopGroup.Member> members(JsonNode arr) {
        List<NexthopGroup.Member> out = List.empty();
        for (JsonNode m : arr) out = out.append(new NexthopGroup.Member(m.path("id").asInt(), m.path("weight").asInt()));
        return out;
    }

    private static RouteTarget decodeTarget(JsonNode t) {
        if (t.has("nhid")) return new RouteTarget.Group(t.get("nhid").asInt());
        if (t.has("via")) return new RouteTarget.Gateway(t.get("via").asText(), t.path("dev").asText(), t.path("onlink").asBoolean(false));
        return new RouteTarget.Unreachable();
    }

    private static Option<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Option.some(n.get(field).asText()) : Option.none();
    }
}
