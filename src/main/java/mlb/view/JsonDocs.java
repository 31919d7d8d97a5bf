package mlb.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.DriftReport;
import mlb.engine.Refusal;
import mlb.engine.Status;
import mlb.history.Entry;
import mlb.history.MonitorView;
import mlb.model.Change;
import mlb.model.KernelObject;
import mlb.model.StateJson;
import mlb.plan.Plan;
import mlb.proc.Target;
import mlb.spec.Diagnostic;

/**
 * The JSON documents of mlb's results. Every document starts with format_version (raised only when a field
 * changes meaning or goes away; new fields may appear), the command and, where there is one, the target.
 */
final class JsonDocs {
    static final int FORMAT_VERSION = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonDocs() {
    }

    static ObjectNode doc(String command, Option<Target> target) {
        ObjectNode n = F.objectNode().put("format_version", FORMAT_VERSION).put("command", command);
        target.forEach(t -> n.put("target", t.id()));
        return n;
    }

    static ObjectNode error(ObjectNode doc, Refusal r) {
        ObjectNode e = doc.putObject("error");
        e.put("reason", r.reason().name().toLowerCase()).put("exit_code", Exit.of(r)).put("message", r.message());
        r.context().forEach(e.putArray("context")::add);
        if (!r.problems().isEmpty()) r.problems().forEach(p -> problem(e.withArray("problems").addObject(), p));
        return doc;
    }

    /** A problem as a value: what kind (code), where (file, line and column when known; the key's path), what, the fix. */
    private static void problem(ObjectNode n, Diagnostic p) {
        n.put("code", p.code().id());
        if (!p.file().isEmpty()) n.put("file", p.file());
        if (p.line() > 0) n.put("line", p.line()).put("column", p.column());
        if (!p.keyPath().isEmpty()) n.put("path", p.keyPath());
        n.put("message", p.message());
        if (!p.hint().isEmpty()) n.put("fix", p.hint());
    }

    /** The plan's counts, notes and changes in order, each with its action, symbol, kind and objects. */
    static ObjectNode plan(ObjectNode n, Plan plan) {
        n.putObject("summary").put("add", plan.toAdd()).put("change", plan.toChange()).put("destroy", plan.toDestroy());
        plan.notes().forEach(n.putArray("notes")::add);
        ArrayNode changes = n.putArray("changes");
        plan.changes().forEach(c -> change(changes.addObject(), c));
        return n;
    }

    private static void change(ObjectNode n, Change c) {
        n.put("action", c.<String>match(cr -> "create", u -> "update", r -> "replace", d -> "destroy"))
                .put("symbol", c.symbol()).put("kind", c.key().kind().label());
        c.<Option<KernelObject>>match(cr -> Option.none(), u -> Option.some(u.before()), r -> Option.some(r.before()),
                        d -> Option.some(d.before()))
                .forEach(b -> n.set("before", StateJson.encode(b)));
        if (!(c instanceof Change.Delete)) n.set("after", StateJson.encode(c.subject()));
    }

    static ArrayNode strings(ObjectNode n, String field, List<String> items) {
        ArrayNode a = n.putArray(field);
        items.forEach(a::add);
        return a;
    }

    static ObjectNode entry(ObjectNode n, Entry e) {
        return n.put("rev", e.shortId()).put("commit", e.id()).put("time", e.time().toString())
                .put("outcome", e.outcome()).put("message", e.title()).put("target", e.target());
    }

    static void drift(ObjectNode n, Option<DriftReport> drift) {
        if (drift.isEmpty()) {
            n.putNull("drift");
            return;
        }
        ObjectNode d = n.putObject("drift");
        entry(d.putObject("since"), drift.get().last());
        d.put("drifted", drift.get().drifted());
        strings(d, "objects", drift.get().lines());
    }

    static ObjectNode apply(ObjectNode n, ApplyResult r) {
        n.put("outcome", r.outcome().name().toLowerCase());
        plan(n, r.plan());
        strings(n, "commands", r.commands());
        if (r.recorded().isDefined()) n.put("recorded", r.recorded().get()); else n.putNull("recorded");
        n.put("state_dir", r.stateDir().toString());
        if (r.failure().isDefined()) n.put("failure", r.failure().get()); else n.putNull("failure");
        n.put("confirmed_earlier", r.confirmedEarlier());
        if (r.armed().isEmpty()) {
            n.putNull("confirm");
        } else {
            n.putObject("confirm").put("deadline", r.armed().get().deadline().toString())
                    .put("seconds", r.armed().get().duration().toSeconds());
        }
        return n;
    }

    static ObjectNode status(ObjectNode n, Status s) {
        if (s.last().isDefined()) entry(n.putObject("last"), s.last().get()); else n.putNull("last");
        drift(n, s.drift());
        if (s.pending().isEmpty()) {
            n.putNull("pending_confirm");
        } else {
            Status.Pending p = s.pending().get();
            ObjectNode c = n.putObject("pending_confirm");
            c.put("deadline", p.confirm().deadline().toString()).put("seconds_left", p.secondsLeft())
                    .put("pid", p.confirm().pid()).put("watcher_alive", p.watcherAlive());
            p.confirm().unconfirmed().forEach(u -> c.put("unconfirmed", u));
        }
        n.put("journal_pending", s.journalPending());
        if (s.busy().isEmpty()) {
            n.putNull("busy");
        } else {
            n.putObject("busy").put("pid", s.busy().get().holder().pid()).put("state_dir", s.busy().get().holder().stateDir())
                    .put("since", s.busy().get().since().toString());
        }
        if (s.monitor().isEmpty()) n.putNull("monitor"); else monitor(n.putObject("monitor"), s.monitor().get());
        return n;
    }

    private static void monitor(ObjectNode n, Status.Monitoring m) {
        MonitorView v = m.view();
        n.put("pid", v.pid()).put("running", m.running()).put("started", v.started().toString())
                .put("updated", v.updated().toString()).put("spec_file", v.specFile());
        strings(n, "balancing", List.ofAll(v.balancing()));
        if (v.holding().isDefined()) n.put("holding", v.holding().get()); else n.putNull("holding");
        n.put("stale", m.stale()).put("unrecorded", v.unrecorded());
        ArrayNode links = n.putArray("links");
        for (MonitorView.LinkView l : v.links()) {
            ObjectNode o = links.addObject().put("name", l.name()).put("dev", l.dev()).put("state", l.state())
                    .put("since", l.since().toString()).put("reason", l.reason())
                    .put("weight", v.balancing().contains(l.name()) ? l.weight() : 0);
            number(o, "last_rtt_ms", l.lastRttMs());
            if (l.lossPercent().isDefined()) o.put("loss_percent", l.lossPercent().get()); else o.putNull("loss_percent");
            number(o, "mean_rtt_ms", l.meanRttMs());
            m.traffic().get(l.name()).forEach(t -> o.putObject("traffic").put("rx_bytes", t.rxBytes())
                    .put("tx_bytes", t.txBytes()).put("rx_packets", t.rxPackets()).put("tx_packets", t.txPackets()));
        }
    }

    private static void number(ObjectNode n, String field, Option<Double> value) {
        if (value.isDefined()) n.put(field, value.get()); else n.putNull(field);
    }
}
