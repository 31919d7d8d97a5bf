package mlb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

import java.util.Locale;

/** The canonical JSON of mlb's nftables objects inside a state document (see {@link StateJson}). */
final class NftStateJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private NftStateJson() {
    }

    static ObjectNode encode(NftObject o) {
        ObjectNode n = F.objectNode().put("table", o.table());
        return o.matchNft(t -> n,
                h -> n.put("name", h.name()).put("type", h.type()).put("protocol", h.protocol()),
                s -> set(n, s),
                c -> chain(n, c),
                e -> element(n, e),
                l -> list(n, l));
    }

    /** A list alone (a state document keeps lists apart, see StateJson): its set and items. */
    private static ObjectNode list(ObjectNode n, NftAddresses l) {
        n.put("set", l.set());
        ArrayNode items = n.putArray("items");
        for (int i = 0; i < l.size(); i++) items.add(l.text(i));
        return n;
    }

    static NftObject decode(Kind k, JsonNode n) {
        String table = n.path("table").asText();
        return switch (k) {
            case NFT_TABLE -> new NftTable(table);
            case NFT_HELPER -> new NftHelper(table, n.path("name").asText(), n.path("type").asText(), n.path("protocol").asText());
            case NFT_SET -> new NftSet(table, n.path("name").asText(), NftSet.KeyType.valueOf(upper(n.path("key"))),
                    n.path("map").asBoolean(), n.path("interval").asBoolean(), n.path("timeout").asLong(0));
            case NFT_CHAIN -> new NftChain(table, n.path("name").asText(), hook(n.path("hook")), rules(n.path("rules")));
            case NFT_ELEMENT -> new NftElement(table, n.path("set").asText(), key(n.path("key")),
                    n.hasNonNull("jump") ? Option.some(n.get("jump").asText()) : Option.none());
            default -> throw new IllegalArgumentException("not an nft kind: " + k);
        };
    }

    /** A timeout only where there is one: documents of sets without stay as they were. */
    private static ObjectNode set(ObjectNode n, NftSet s) {
        n.put("name", s.name()).put("key", lower(s.keyType())).put("map", s.map()).put("interval", s.interval());
        return s.dynamic() ? n.put("timeout", s.timeout()) : n;
    }

    private static ObjectNode chain(ObjectNode n, NftChain c) {
        n.put("name", c.name());
        c.hook().forEach(h -> {
            ObjectNode hook = n.putObject("hook").put("type", lower(h.type())).put("point", lower(h.point()))
                    .put("priority", h.priority());
            if (h.drops()) hook.put("drops", true);
        });
        ArrayNode rules = n.putArray("rules");
        c.rules().forEach(r -> rules.add(rule(r)));
        return n;
    }

    private static ObjectNode element(ObjectNode n, NftElement e) {
        n.put("set", e.set());
        NftElement.Key k = e.item();
        if (k instanceof NftElement.Value v) n.put("key", v.value());
        else if (k instanceof NftElement.Mark m) n.putObject("key").put("mark", m.mark());
        else if (k instanceof NftElement.Range r) n.putObject("key").put("first", r.first()).put("last", r.last());
        else n.put("key", ((NftElement.Prefix) k).prefix());
        e.jump().forEach(j -> n.put("jump", j));
        return n;
    }

    private static NftElement.Key key(JsonNode k) {
        if (k.has("mark")) return new NftElement.Mark(k.get("mark").asLong());
        if (k.isObject()) return new NftElement.Range(k.path("first").asLong(), k.path("last").asLong());
        if (k.isNumber()) return new NftElement.Value(k.asLong());
        return new NftElement.Prefix(k.asText());
    }

    private static Option<NftChain.Hook> hook(JsonNode h) {
        if (h.isMissingNode()) return Option.none();
        return Option.some(new NftChain.Hook(NftChain.Hook.Type.valueOf(upper(h.path("type"))),
                NftChain.Hook.Point.valueOf(upper(h.path("point"))), h.path("priority").asInt(), h.path("drops").asBoolean()));
    }

    private static ObjectNode rule(NftRule r) {
        ObjectNode n = F.objectNode();
        ArrayNode matches = n.putArray("match");
        r.matches().forEach(m -> matches.add(match(m)));
        n.set("statement", statement(r.statement()));
        return n;
    }

    private static ObjectNode match(NftRule.Match m) {
        ObjectNode n = F.objectNode();
        if (m instanceof NftRule.CtState c) c.states().forEach(n.putArray("ct_state")::add);
        else if (m instanceof NftRule.InDevice d) n.put("iif", d.dev());
        else if (m instanceof NftRule.OutDevice d) n.put("oif", d.dev());
        else if (m instanceof NftRule.Address a) {
            n.put(a.source() ? "saddr" : "daddr", a.set()).put("family", a.family());
            if (a.masked()) n.put("length", a.length());
        }
        else if (m instanceof NftRule.Protocol p) n.put("protocol", p.protocol());
        else ports(n, (NftRule.Port) m);
        return n;
    }

    private static void ports(ObjectNode n, NftRule.Port p) {
        ArrayNode ranges = n.put("protocol", p.protocol()).putArray(p.source() ? "sport" : "dport");
        p.ranges().forEach(r -> ranges.addObject().put("first", r.first()).put("last", r.last()));
    }

    private static NftRule.Match match(JsonNode n) {
        if (n.has("ct_state")) return new NftRule.CtState(TreeSet.ofAll(List.ofAll(n.get("ct_state")).map(JsonNode::asText)));
        if (n.has("iif")) return new NftRule.InDevice(n.get("iif").asText());
        if (n.has("oif")) return new NftRule.OutDevice(n.get("oif").asText());
        if (n.has("saddr") || n.has("daddr")) {
            int family = n.path("family").asInt();
            return new NftRule.Address(n.has("saddr"), family, n.path(n.has("saddr") ? "saddr" : "daddr").asText(),
                    n.path("length").asInt(family == 4 ? 32 : 128));
        }
        if (n.has("sport") || n.has("dport")) {
            List<NftRule.PortRange> ranges = List.ofAll(n.path(n.has("sport") ? "sport" : "dport"))
                    .map(r -> new NftRule.PortRange(r.path("first").asInt(), r.path("last").asInt()));
            return new NftRule.Port(n.has("sport"), n.path("protocol").asText(), ranges);
        }
        return new NftRule.Protocol(n.path("protocol").asText());
    }

    private static ObjectNode statement(NftRule.Statement s) {
        ObjectNode n = F.objectNode();
        if (s instanceof NftRule.Jump j) return n.put("jump", j.chain());
        if (s instanceof NftRule.Goto g) return n.put("goto", g.chain());
        if (s instanceof NftRule.MapJump m) {
            n.put("map", m.map());
            if (m.source() instanceof NftRule.Counter c) return n.put("counter", c.modulus());
            if (m.source() instanceof NftRule.Random r) return n.put("random", r.modulus());
            return n.put("ct_mark", ((NftRule.ConnectionMark) m.source()).mask());
        }
        if (s instanceof NftRule.Masquerade) return n.put("masquerade", true);
        if (s instanceof NftRule.Drop) return n.put("drop", true);
        if (s instanceof NftRule.SetHelper h) return n.put("helper", h.helper());
        if (s instanceof NftRule.Remember r) return n.put("remember", r.set());
        if (s instanceof NftRule.Unknown u) return n.put("unknown", u.words());
        NftRule.SetMark m = (NftRule.SetMark) s;
        return n.put(m.connection() ? "ct_mark" : "mark", m.mark()).put("mask", m.mask());
    }

    private static NftRule.Statement statement(JsonNode n) {
        if (n.has("jump")) return new NftRule.Jump(n.get("jump").asText());
        if (n.has("goto")) return new NftRule.Goto(n.get("goto").asText());
        if (n.has("map")) {
            NftRule.Source source = n.has("counter") ? new NftRule.Counter(n.get("counter").asInt())
                    : n.has("random") ? new NftRule.Random(n.get("random").asInt())
                    : new NftRule.ConnectionMark(n.path("ct_mark").asLong());
            return new NftRule.MapJump(source, n.get("map").asText());
        }
        if (n.has("masquerade")) return new NftRule.Masquerade();
        if (n.has("drop")) return new NftRule.Drop();
        if (n.has("helper")) return new NftRule.SetHelper(n.get("helper").asText());
        if (n.has("remember")) return new NftRule.Remember(n.get("remember").asText());
        if (n.has("unknown")) return new NftRule.Unknown(n.get("unknown").asText());
        return new NftRule.SetMark(n.has("ct_mark"), n.path(n.has("ct_mark") ? "ct_mark" : "mark").asLong(), n.path("mask").asLong());
    }

    private static List<NftRule> rules(JsonNode arr) {
        return List.ofAll(arr).map(r -> new NftRule(List.ofAll(r.path("match")).map(NftStateJson::match), statement(r.path("statement"))));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(JsonNode n) {
        return n.asText().toUpperCase(Locale.ROOT);
    }
}
