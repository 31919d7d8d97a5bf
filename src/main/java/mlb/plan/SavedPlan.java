package mlb.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import mlb.model.StateJson;

/**
 * `plan -o FILE`: the desired state, the owned state the plan was made against and the scope it was made for.
 * Applying it re-reads the kernel and refuses when that state has moved, so a saved plan never applies to a
 * kernel it was not made for.
 */
public record SavedPlan(String target, String specFile, String specText, Plan plan) {
    private static final String FORMAT = "mlb-plan";
    /**
     * 3: the scope may name nftables tables and the states hold nft objects; 4: a plain set's elements are one list
     * of items per set (an older mlb would read them as no elements); 2 and 3 are read as well.
     */
    private static final int VERSION = 4;

    public String text() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("format", FORMAT).put("version", VERSION).put("target", target);
        n.set("scope", StateJson.encode(plan.scope()));
        n.put("spec_file", specFile).put("spec", specText);
        ArrayNode notes = n.putArray("notes");
        plan.notes().forEach(notes::add);
        n.set("current", StateJson.encode(plan.current()));
        n.set("desired", StateJson.encode(plan.desired()));
        try {
            return StateJson.MAPPER.writeValueAsString(n) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the text looks like a saved plan rather than a spec. */
    public static boolean looksSaved(String text) {
        return text.stripLeading().startsWith("{") && text.contains("\"" + FORMAT + "\"");
    }

    public static SavedPlan parse(String text) {
        JsonNode n;
        try {
            n = StateJson.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a saved plan: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(n.path("format").asText()) || (n.path("version").asInt() < 2 || n.path("version").asInt() > VERSION)) {
            throw new IllegalArgumentException("not a saved plan of this mlb version (make it again with mlb plan -o)");
        }
        List<String> notes = List.ofAll(n.path("notes")).map(JsonNode::asText);
        Plan plan = Plan.of(StateJson.decode(n.path("current")), StateJson.decode(n.path("desired")), notes,
                StateJson.decodeScope(n.path("scope")));
        return new SavedPlan(n.path("target").asText(), n.path("spec_file").asText(), n.path("spec").asText(), plan);
    }
}
