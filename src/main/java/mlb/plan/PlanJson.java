package mlb.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mlb.model.StateJson;

/** `plan --json`: the changes in order, each with its symbol, kind and the objects before/after, plus counts. */
public final class PlanJson {
    private PlanJson() {
    }

    public static ObjectNode encode(Plan plan) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("add", plan.toAdd()).put("change", plan.toChange()).put("destroy", plan.toDestroy());
        ArrayNode notes = root.putArray("notes");
        plan.notes().forEach(notes::add);
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode n = changes.addObject();
            n.put("action", action(c)).put("symbol", c.symbol()).put("kind", c.key().kind().label());
            before(c).forEach(b -> n.set("before", StateJson.encode(b)));
            if (!(c instanceof Change.Delete)) n.set("after", StateJson.encode(c.subject()));
        }
        ArrayNode commands = root.putArray("commands");
        Commands.render(plan).forEach(cmd -> commands.add(cmd.text()));
        return root;
    }

    public static String text(Plan plan) {
        try {
            return StateJson.MAPPER.writeValueAsString(encode(plan)) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String action(Change c) {
        if (c instanceof Change.Create) return "create";
        if (c instanceof Change.Update) return "update";
        if (c instanceof Change.Replace) return "replace";
        return "delete";
    }

    private static io.vavr.control.Option<mlb.model.KernelObject> before(Change c) {
        if (c instanceof Change.Update u) return io.vavr.control.Option.some(u.before());
        if (c instanceof Change.Replace r) return io.vavr.control.Option.some(r.before());
        if (c instanceof Change.Delete d) return io.vavr.control.Option.some(d.before());
        return io.vavr.control.Option.none();
    }
}
