package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import mlb.model.StateJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What `mlb monitor` last saw of a target's links, kept in the state directory (`<target>/monitor.json`):
 * which links it balances over, each link's state and why, and its figures. `mlb plan`/`apply` honour the
 * balancing set while the monitor runs, so a person's apply never puts a dead link back; `mlb status` shows it.
 */
public record MonitorView(long pid, Instant started, Instant updated, String specFile, SortedSet<String> balancing,
                          Option<String> holding, List<LinkView> links, int unrecorded) {
    /**
     * The monitor rewrites its view at least this often (every 2 s, and at once on a change): an older one while
     * it runs means it cannot write the state directory (full, read-only), and what the view says may be old.
     */
    public static final java.time.Duration STALE = java.time.Duration.ofSeconds(10);

    private static final String FORMAT = "mlb-monitor";

    /** One link as the monitor sees it. Figures are empty until the monitor has them. */
    public record LinkView(String name, String dev, String state, Instant since, String reason,
                           Option<Double> lastRttMs, Option<Integer> lossPercent, Option<Double> meanRttMs, int weight) {
    }

    public static Path file(Path stateDir, String target) {
        return stateDir.resolve(target).resolve("monitor.json");
    }

    public static Option<MonitorView> read(Path stateDir, String target) throws IOException {
        Path f = file(stateDir, target);
        if (!Files.exists(f)) return Option.none();
        return Option.some(decode(StateJson.MAPPER.readTree(Files.readString(f))));
    }

    public void write(Path stateDir, String target) throws IOException {
        Private.write(file(stateDir, target), StateJson.MAPPER.writeValueAsString(encode()) + "\n");
    }

    public static void remove(Path stateDir, String target) throws IOException {
        Files.deleteIfExists(file(stateDir, target));
    }

    public Option<LinkView> link(String name) {
        return links.find(l -> l.name().equals(name));
    }

    private ObjectNode encode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("format", FORMAT).put("version", 1).put("pid", pid).put("started", started.toString())
                .put("updated", updated.toString()).put("spec_file", specFile);
        balancing.forEach(n.putArray("balancing")::add);
        if (holding.isDefined()) n.put("holding", holding.get()); else n.putNull("holding");
        n.put("unrecorded", unrecorded);
        ArrayNode ls = n.putArray("links");
        links.forEach(l -> link(ls.addObject(), l));
        return n;
    }

    private static void link(ObjectNode n, LinkView l) {
        n.put("name", l.name()).put("dev", l.dev()).put("state", l.state()).put("since", l.since().toString())
                .put("reason", l.reason()).put("weight", l.weight());
        if (l.lastRttMs().isDefined()) n.put("last_rtt_ms", l.lastRttMs().get()); else n.putNull("last_rtt_ms");
        if (l.lossPercent().isDefined()) n.put("loss_percent", l.lossPercent().get()); else n.putNull("loss_percent");
        if (l.meanRttMs().isDefined()) n.put("mean_rtt_ms", l.meanRttMs().get()); else n.putNull("mean_rtt_ms");
    }

    private static MonitorView decode(JsonNode n) {
        if (!FORMAT.equals(n.path("format").asText())) throw new IllegalArgumentException("not a monitor status file");
        List<LinkView> links = List.ofAll(n.path("links")).map(MonitorView::decodeLink);
        return new MonitorView(n.path("pid").asLong(), Instant.parse(n.path("started").asText()),
                Instant.parse(n.path("updated").asText()), n.path("spec_file").asText(),
                TreeSet.ofAll(List.ofAll(n.path("balancing")).map(JsonNode::asText)),
                n.hasNonNull("holding") ? Option.some(n.get("holding").asText()) : Option.none(), links,
                n.path("unrecorded").asInt(0));
    }

    private static LinkView decodeLink(JsonNode l) {
        return new LinkView(l.path("name").asText(), l.path("dev").asText(), l.path("state").asText(),
                Instant.parse(l.path("since").asText()), l.path("reason").asText(),
                number(l, "last_rtt_ms"), l.hasNonNull("loss_percent") ? Option.some(l.get("loss_percent").asInt()) : Option.none(),
                number(l, "mean_rtt_ms"), l.path("weight").asInt());
    }

    private static Option<Double> number(JsonNode n, String field) {
        return n.hasNonNull(field) ? Option.some(n.get(field).asDouble()) : Option.none();
    }
}
