package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Rule;
import mlb.model.Scope;
import mlb.model.StateJson;
import mlb.spec.Balancer;

import java.io.IOException;
import java.time.Instant;

/** meta.json of an entry (the scalar facts), and the whole record as the journal keeps it. */
final class RecordJson {
    private RecordJson() {
    }

    static final int FORMAT_VERSION = 3;

    static String meta(Record r) {
        return text(metaNode(r));
    }

    /** With lists: a set's long list goes there by name (set-SHA256.txt), as in a commit, and the entry names it. */
    static String journal(Record r, Option<java.util.Map<String, String>> lists) {
        ObjectNode n = metaNode(r);
        r.specText().forEach(t -> n.put("spec", t));
        n.set("desired", StateJson.encode(r.desired(), lists));
        n.set("before", StateJson.encode(r.before(), lists));
        n.set("after", StateJson.encode(r.after(), lists));
        ArrayNode cmds = n.putArray("commands");
        r.commands().forEach(cmds::add);
        n.put("plan", r.planText());
        return text(n);
    }

    /** lists: the files an entry's states name for their long lists (entries before those files inline them). */
    static Record parseJournal(String json, java.util.function.Function<String, Option<String>> lists) throws IOException {
        JsonNode n = StateJson.MAPPER.readTree(json);
        Option<Provenance> prov = n.hasNonNull("spec_commit")
                ? Option.some(new Provenance(n.get("spec_commit").asText(), n.path("spec_dirty").asBoolean()))
                : Option.none();
        return new Record(Record.Kind.valueOf(n.path("kind").asText().toUpperCase()), n.path("title").asText(),
                n.path("target").asText(), scope(n, StateJson.decode(n.path("after"), lists)),
                Record.Outcome.valueOf(n.path("outcome").asText().toUpperCase()),
                text(n, "spec_file"), text(n, "spec"), prov,
                StateJson.decode(n.path("desired"), lists), StateJson.decode(n.path("before"), lists),
                StateJson.decode(n.path("after"), lists), List.ofAll(n.path("commands")).map(JsonNode::asText),
                n.path("plan").asText(), text(n, "failure"), text(n, "rollback_of"),
                Instant.parse(n.path("time").asText()), n.path("user").asText(), n.path("host").asText(),
                mlbVersion(n));
    }

    /** The mlb that wrote an entry: its own key since format 2, the overwritten "version" before. */
    static String mlbVersion(JsonNode n) {
        return n.has("mlb_version") ? n.get("mlb_version").asText() : n.path("version").asText();
    }

    /** The scope recorded for an entry, which is what reading its state back needs. */
    static Scope scope(String metaJson, NetState recorded) throws IOException {
        return scope(StateJson.MAPPER.readTree(metaJson), recorded);
    }

    /**
     * Entries made before scopes were recorded name only the protocol: their priority range is the one their
     * rules sit in (base+0 always holds the suppress rule), or the default range when they recorded no rule.
     */
    private static Scope scope(JsonNode n, NetState recorded) {
        if (n.has("scope")) return StateJson.decodeScope(n.get("scope"));
        int base = recorded.all(Rule.class).map(Rule::priority).min().getOrElse(Balancer.DEFAULT_PRIORITY_BASE);
        return Scope.of(n.path("protocol").asInt(), new Scope.Priorities(base, base + Balancer.PRIORITY_SPAN - 1))
                .covering(recorded);
    }

    private static ObjectNode metaNode(Record r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        // version 2: the scope may name nftables tables; mlb's own version has a key of its own (version 1
        // entries wrote it over the format version, so there "version" holds mlb's version); version 3: a
        // state keeps a plain set's elements as a list of items, a long one in a file named by its sha256
        n.put("format", "mlb-entry").put("version", FORMAT_VERSION);
        n.put("kind", r.kind().name().toLowerCase()).put("title", r.title()).put("target", r.target());
        n.put("protocol", r.scope().protocol()).set("scope", StateJson.encode(r.scope()));
        n.put("outcome", r.outcome().name().toLowerCase());
        r.specFile().forEach(f -> n.put("spec_file", f));
        r.specSha256().forEach(s -> n.put("spec_sha256", s));
        r.provenance().forEach(p -> n.put("spec_commit", p.commit()).put("spec_dirty", p.dirty()));
        r.failure().forEach(f -> n.put("failure", f));
        r.rollbackOf().forEach(v -> n.put("rollback_of", v));
        n.put("time", r.time().toString()).put("user", r.user()).put("host", r.host()).put("mlb_version", r.version());
        return n;
    }

    private static Option<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Option.some(n.get(field).asText()) : Option.none();
    }

    private static String text(JsonNode n) {
        try {
            return StateJson.MAPPER.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
