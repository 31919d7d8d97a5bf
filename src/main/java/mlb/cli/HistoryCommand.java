package mlb.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vavr.collection.List;
import mlb.history.Entry;
import mlb.history.History;
import mlb.model.StateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the recorded applies of a target, newest first: short rev, date, outcome, message.")
final class HistoryCommand implements Callable<Integer> {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    Main main;

    @Mixin
    TargetOption target;

    @Option(names = "--json", description = "Print the entries as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Session s = new Session(main, target.target());
        s.flushIfIdle();
        List<Entry> entries = List.empty();
        for (History h : s.history()) {
            try (h) {
                entries = h.log(s.target.id());
            }
        }
        if (json) main.out.print(json(entries));
        else entries.forEach(e -> main.out.println(line(e)));
        if (entries.isEmpty() && !json) main.err.println("mlb: no history for " + s.target + " in " + s.stateDir);
        return Exit.OK;
    }

    static String line(Entry e) {
        return String.format("%s  %s  %-11s %s", e.shortId(), DATE.format(e.time()), e.outcome(), e.title());
    }

    private static String json(List<Entry> entries) throws IOException {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries) {
            a.addObject().put("rev", e.shortId()).put("commit", e.id()).put("time", e.time().toString())
                    .put("outcome", e.outcome()).put("message", e.title()).put("target", e.target());
        }
        return StateJson.MAPPER.writeValueAsString(a) + "\n";
    }
}
