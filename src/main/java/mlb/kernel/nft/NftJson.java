package mlb.kernel.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.model.NftAddresses;
import mlb.model.NftChain;
import mlb.model.NftElement;
import mlb.model.NftHelper;
import mlb.model.NftObject;
import mlb.model.NftRule;
import mlb.model.NftSet;
import mlb.model.NftTable;

import java.util.ArrayList;
import java.util.Locale;

/**
 * Parses `nft -j list table inet NAME` into mlb's objects. Pure: tests feed it output captured from a real nft.
 * It reads back exactly the shapes NftSyntax writes (as nft prints them: it folds `and A or B` into `& (A|B) | B`
 * and drops a protocol match a port match implies); anything else in mlb's table comes back as something mlb
 * did not make (a set of another type, a rule in the kernel's words, a chain with policy drop), so the plan
 * replaces or removes it: the table is mlb's alone.
 */
public final class NftJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long WORD = 0xffffffffL;

    private NftJson() {
    }

    public static JsonNode tree(String json) {
        try {
            return json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable nft -j output: " + e.getMessage(), e);
        }
    }

    /** The names of the inet tables nft lists (`nft -j list tables`), and how many tables of other families. */
    public static List<String> tables(JsonNode root, String family) {
        return List.ofAll(root.path("nftables")).filter(n -> n.has("table")).map(n -> n.get("table"))
                .filter(t -> family.equals(t.path("family").asText())).map(t -> t.path("name").asText());
    }

    /**
     * The entries of these tables of one family (tables, helpers, sets, maps, elements, chains, rules), as a
     * listing of them alone would give; the other tables' entries are left out unread.
     */
    public static JsonNode only(JsonNode root, String family, List<String> tables) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode items = out.putArray("nftables");
        for (JsonNode item : root.path("nftables")) {
            if (!item.isObject() || item.size() != 1) continue;
            JsonNode body = item.elements().next();
            String table = item.has("table") ? body.path("name").asText() : body.path("table").asText();
            if (family.equals(body.path("family").asText()) && tables.contains(table)) items.add(item);
        }
        return out;
    }

    public static int allTables(JsonNode root) {
        return List.ofAll(root.path("nftables")).count(n -> n.has("table"));
    }

    /** Every object of one table, as the model holds them. */
    public static List<NftObject> objects(JsonNode root) {
        java.util.List<NftObject> out = new ArrayList<>();
        java.util.Map<String, java.util.List<NftRule>> rules = new java.util.LinkedHashMap<>();
        java.util.List<JsonNode> chains = new ArrayList<>();
        for (JsonNode item : root.path("nftables")) {
            if (item.has("table")) out.add(new NftTable(item.get("table").path("name").asText()));
            else if (item.has("ct helper")) helper(item.get("ct helper")).forEach(out::add);
            else if (item.has("set")) set(item.get("set"), false, out);
            else if (item.has("map")) set(item.get("map"), true, out);
            else if (item.has("chain")) chains.add(item.get("chain"));
            else if (item.has("rule")) rules.computeIfAbsent(item.get("rule").path("chain").asText(), k -> new ArrayList<>())
                    .add(rule(item.get("rule").path("expr")));
        }
        for (JsonNode c : chains) {
            String name = c.path("name").asText();
            out.add(new NftChain(c.path("table").asText(), name, hook(c), List.ofAll(rules.getOrDefault(name, java.util.List.of()))));
        }
        return List.ofAll(out);
    }

    private static Option<NftObject> helper(JsonNode h) {
        String protocol = h.path("protocol").asText();
        if (!protocol.equals("tcp") && !protocol.equals("udp")) return Option.none();
        return Option.some(new NftHelper(h.path("table").asText(), h.path("name").asText(), h.path("type").asText(), protocol));
    }

    private static void set(JsonNode s, boolean map, java.util.List<NftObject> out) {
        String table = s.path("table").asText();
        String name = s.path("name").asText();
        boolean interval = List.ofAll(s.path("flags")).exists(f -> f.asText().equals("interval"));
        NftSet.KeyType declared = keyType(s.path("type").asText(), map && !"verdict".equals(s.path("map").asText()));
        long timeout = s.path("timeout").asLong(0);
        if (timeout > 0 && declared == NftSet.KeyType.IPV4 && !map && !interval) {
            out.add(NftSet.dynamic(table, name, timeout));   // its elements are the traffic's
            return;
        }
        if (declared == NftSet.KeyType.IPV4 && !map && !interval && list(table, name, s.path("elem"), out)) return;
        List<Option<NftElement>> elements = List.ofAll(s.path("elem")).map(e -> element(table, name, declared, map, e));
        NftSet.KeyType type = elements.exists(Option::isEmpty) ? NftSet.KeyType.OTHER : declared;
        out.add(new NftSet(table, name, type, map, interval && type != NftSet.KeyType.OTHER));
        if (type != NftSet.KeyType.OTHER) elements.forEach(e -> out.add(e.get()));
    }

    /**
     * A plain IPv4 set (a pin's list) as one list of numbers, not an element object each: false, and nothing
     * added, when an element is not a bare address (the set is then read element by element).
     */
    private static boolean list(String table, String name, JsonNode elements, java.util.List<NftObject> out) {
        java.util.List<String> texts = new java.util.ArrayList<>(elements.size());
        for (JsonNode e : elements) texts.add(e.isTextual() ? e.asText() : "");   // "" is no address: read element by element
        Option<NftAddresses> list = NftAddresses.of(table, name, texts);
        if (list.isEmpty()) return false;
        out.add(new NftSet(table, name, NftSet.KeyType.IPV4, false, false));
        if (!texts.isEmpty()) out.add(list.get());
        return true;
    }

    private static NftSet.KeyType keyType(String type, boolean dataMap) {
        if (dataMap) return NftSet.KeyType.OTHER;
        return switch (type) {
            case "ipv4_addr" -> NftSet.KeyType.IPV4;
            case "ipv6_addr" -> NftSet.KeyType.IPV6;
            case "mark" -> NftSet.KeyType.MARK;
            case "integer" -> NftSet.KeyType.SLOT;
            default -> NftSet.KeyType.OTHER;
        };
    }

    private static Option<NftElement> element(String table, String set, NftSet.KeyType type, boolean map, JsonNode e) {
        JsonNode key = map ? e.path(0) : e;
        Option<String> jump = map ? Option.of(e.path(1).path("jump").path("target").asText(null)) : Option.none();
        if (map && jump.isEmpty() || key.has("elem")) return Option.none();
        return elementKey(type, key).map(k -> new NftElement(table, set, k, jump));
    }

    private static Option<NftElement.Key> elementKey(NftSet.KeyType type, JsonNode key) {
        switch (type) {
            case IPV4, IPV6 -> {
                if (key.has("prefix")) return Option.some(new NftElement.Prefix(key.get("prefix").path("addr").asText() + "/" + key.get("prefix").path("len").asInt()));
                return key.isTextual() ? Option.some(new NftElement.Prefix(key.asText())) : Option.none();
            }
            case MARK -> {
                return key.canConvertToLong() ? Option.some(new NftElement.Mark(key.asLong())) : Option.none();
            }
            case SLOT -> {
                if (key.has("range")) return Option.some(new NftElement.Range(key.get("range").path(0).asLong(), key.get("range").path(1).asLong()));
                return key.canConvertToLong() ? Option.some(new NftElement.Value(key.asLong())) : Option.none();
            }
            default -> {
                return Option.none();
            }
        }
    }

    private static Option<NftChain.Hook> hook(JsonNode c) {
        if (!c.has("hook")) return Option.none();
        try {
            return Option.some(new NftChain.Hook(NftChain.Hook.Type.valueOf(upper(c.path("type").asText())),
                    NftChain.Hook.Point.valueOf(upper(c.path("hook").asText())), c.path("prio").asInt(),
                    !"accept".equals(c.path("policy").asText("accept"))));
        } catch (IllegalArgumentException e) {
            // a hook mlb never uses (ingress, a netdev chain): read as dropping, so the chain is replaced
            return Option.some(new NftChain.Hook(NftChain.Hook.Type.FILTER, NftChain.Hook.Point.PREROUTING, c.path("prio").asInt(), true));
        }
    }

    /** A rule's expressions as mlb's matches and statement; any other shape as an Unknown statement. */
    static NftRule rule(JsonNode expr) {
        List<JsonNode> all = List.ofAll(expr);
        if (all.isEmpty()) return unknown(expr);
        java.util.List<NftRule.Match> matches = new ArrayList<>();
        for (JsonNode e : all.init()) {
            Option<NftRule.Match> m = match(e);
            if (m.isEmpty()) return unknown(expr);
            matches.add(m.get());
        }
        return statement(all.last()).map(s -> new NftRule(List.ofAll(matches), s)).getOrElse(() -> unknown(expr));
    }

    private static NftRule unknown(JsonNode expr) {
        return new NftRule(List.empty(), new NftRule.Unknown(expr.toString()));
    }

    private static Option<NftRule.Match> match(JsonNode e) {
        JsonNode m = e.path("match");
        String op = m.path("op").asText();
        if (!op.equals("==") && !op.equals("in")) return Option.none();
        JsonNode left = m.path("left");
        JsonNode right = m.path("right");
        try {
            if (left.path("ct").path("key").asText().equals("state")) {
                List<String> states = right.isArray() ? List.ofAll(right).map(JsonNode::asText) : List.of(right.asText());
                return Option.some(new NftRule.CtState(TreeSet.ofAll(states)));
            }
            String meta = left.path("meta").path("key").asText("");
            if (meta.equals("iifname") && right.isTextual()) return Option.some(new NftRule.InDevice(right.asText()));
            if (meta.equals("oifname") && right.isTextual()) return Option.some(new NftRule.OutDevice(right.asText()));
            if (meta.equals("l4proto") && (right.isTextual() || right.isInt())) return Option.some(new NftRule.Protocol(right.asText()));
            JsonNode and = left.path("&");
            if (and.isArray() && and.size() == 2 && and.path(1).isTextual()) return masked(and.path(0).path("payload"), and.path(1).asText(), right);
            return payload(left.path("payload"), right);
        } catch (IllegalArgumentException x) {
            return Option.none();
        }
    }

    /** `ip saddr|daddr & MASK @set`, the lookup of a list's prefixes of one length; nft drops a whole-word mask. */
    private static Option<NftRule.Match> masked(JsonNode p, String mask, JsonNode right) {
        Option<Integer> length = maskLength(mask);
        return payload(p, right).filter(m -> m instanceof NftRule.Address a && a.family() == 4 && length.isDefined())
                .map(m -> (NftRule.Address) m).map(a -> new NftRule.Address(a.source(), 4, a.set(), length.get()));
    }

    /** The length of a dotted IPv4 mask of leading ones (255.255.252.0: 22); none for anything else. */
    static Option<Integer> maskLength(String mask) {
        String[] parts = mask.split("\\.", -1);
        if (parts.length != 4) return Option.none();
        long m = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) return Option.none();
            m = m << 8 | Integer.parseInt(part);
        }
        int ones = Long.numberOfLeadingZeros(~m & 0xffffffffL) - 32;
        boolean contiguous = ones >= 1 && ones <= 32 && ((0xffffffffL << (32 - ones)) & 0xffffffffL) == m;
        return contiguous ? Option.some(ones) : Option.none();
    }

    private static Option<NftRule.Match> payload(JsonNode p, JsonNode right) {
        String protocol = p.path("protocol").asText("");
        String field = p.path("field").asText("");
        boolean source = field.startsWith("s");
        if ((protocol.equals("ip") || protocol.equals("ip6")) && (field.equals("saddr") || field.equals("daddr"))
                && right.isTextual() && right.asText().startsWith("@")) {
            return Option.some(new NftRule.Address(source, protocol.equals("ip") ? 4 : 6, right.asText().substring(1)));
        }
        if ((protocol.equals("tcp") || protocol.equals("udp")) && (field.equals("sport") || field.equals("dport"))) {
            return ports(right).map(r -> new NftRule.Port(source, protocol, r));
        }
        return Option.none();
    }

    private static Option<List<NftRule.PortRange>> ports(JsonNode right) {
        List<JsonNode> items = right.has("set") ? List.ofAll(right.get("set")) : List.of(right);
        java.util.List<NftRule.PortRange> out = new ArrayList<>();
        for (JsonNode i : items) {
            if (i.isInt()) out.add(new NftRule.PortRange(i.asInt(), i.asInt()));
            else if (i.has("range")) out.add(new NftRule.PortRange(i.get("range").path(0).asInt(), i.get("range").path(1).asInt()));
            else return Option.none();
        }
        return Option.some(List.ofAll(out));
    }

    private static Option<NftRule.Statement> statement(JsonNode s) {
        if (s.has("jump")) return Option.some(new NftRule.Jump(s.get("jump").path("target").asText()));
        if (s.has("goto")) return Option.some(new NftRule.Goto(s.get("goto").path("target").asText()));
        if (s.has("masquerade") && s.get("masquerade").isNull()) return Option.some(new NftRule.Masquerade());
        if (s.has("drop") && s.get("drop").isNull()) return Option.some(new NftRule.Drop());
        if (s.has("ct helper") && s.get("ct helper").isTextual()) return Option.some(new NftRule.SetHelper(s.get("ct helper").asText()));
        if (s.has("vmap")) return vmap(s.get("vmap"));
        if (s.has("set")) return remember(s.get("set"));
        if (s.has("mangle")) return mark(s.get("mangle"));
        return Option.none();
    }

    /** `update @set { ip saddr }`. */
    private static Option<NftRule.Statement> remember(JsonNode s) {
        JsonNode payload = s.path("elem").path("payload");
        String set = s.path("set").asText("");
        if (!"update".equals(s.path("op").asText()) || !set.startsWith("@") || !"ip".equals(payload.path("protocol").asText())
                || !"saddr".equals(payload.path("field").asText())) {
            return Option.none();
        }
        return Option.some(new NftRule.Remember(set.substring(1)));
    }

    private static Option<NftRule.Statement> vmap(JsonNode v) {
        String data = v.path("data").asText("");
        if (!data.startsWith("@")) return Option.none();
        String map = data.substring(1);
        JsonNode key = v.path("key");
        JsonNode numgen = key.path("numgen");
        if (numgen.isObject() && numgen.path("offset").asInt(0) == 0) {
            int mod = numgen.path("mod").asInt();
            return switch (numgen.path("mode").asText()) {
                case "inc" -> Option.some(new NftRule.MapJump(new NftRule.Counter(mod), map));
                case "random" -> Option.some(new NftRule.MapJump(new NftRule.Random(mod), map));
                default -> Option.none();
            };
        }
        JsonNode and = key.path("&");
        if (and.isArray() && and.path(0).path("ct").path("key").asText().equals("mark") && and.path(1).canConvertToLong()) {
            return Option.some(new NftRule.MapJump(new NftRule.ConnectionMark(and.path(1).asLong()), map));
        }
        return Option.none();
    }

    /**
     * `meta|ct mark set meta|ct mark and ~MASK or MARK`, which nft prints as `& (~MASK | MARK) | MARK` (or without
     * the `|` when MARK is 0, or as the bare MARK when MASK is the whole word).
     */
    private static Option<NftRule.Statement> mark(JsonNode m) {
        Option<Boolean> connection = register(m.path("key"));
        if (connection.isEmpty()) return Option.none();
        JsonNode value = m.path("value");
        if (value.canConvertToLong()) return Option.some(new NftRule.SetMark(connection.get(), value.asLong(), WORD));
        long mark = 0;
        JsonNode and = value;
        if (value.has("|")) {
            if (!value.get("|").path(1).canConvertToLong()) return Option.none();
            mark = value.get("|").path(1).asLong();
            and = value.get("|").path(0);
        }
        JsonNode pair = and.path("&");
        if (!pair.isArray() || !register(pair.path(0)).equals(connection) || !pair.path(1).canConvertToLong()) return Option.none();
        long mask = (~pair.path(1).asLong() | mark) & WORD;
        try {
            return Option.some(new NftRule.SetMark(connection.get(), mark, mask));
        } catch (IllegalArgumentException e) {
            return Option.none();
        }
    }

    /** Whether a mark expression is the connection's (ct) or the packet's (meta). */
    private static Option<Boolean> register(JsonNode k) {
        if (k.path("meta").path("key").asText().equals("mark")) return Option.some(false);
        if (k.path("ct").path("key").asText().equals("mark")) return Option.some(true);
        return Option.none();
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
