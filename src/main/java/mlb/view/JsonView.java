package mlb.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.control.Option;
import mlb.engine.ApplyResult;
import mlb.engine.Compared;
import mlb.engine.ConfirmResult;
import mlb.engine.Event;
import mlb.engine.HistoryResult;
import mlb.engine.Listener;
import mlb.engine.PlanResult;
import mlb.engine.Refusal;
import mlb.engine.Shown;
import mlb.engine.Status;
import mlb.engine.WatchResult;
import mlb.model.StateJson;
import mlb.proc.Target;
import mlb.spec.Spec;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Results as one JSON document on stdout (also for a refusal, so a script can always parse stdout). Progress
 * worth a person's attention (warnings, drift) still goes to stderr as text.
 */
public final class JsonView implements View {
    private final PrintStream out;
    private final PrintStream err;
    private final String command;
    private final Option<Target> target;
    private final StateArg state;
    private final HumanView stderr;

    public JsonView(PrintStream out, PrintStream err, String command, Option<Target> target) {
        this(out, err, command, target, Option.none());
    }

    /** target: the one the command acts on; state: the --state the user gave, repeated in the hints. */
    public JsonView(PrintStream out, PrintStream err, String command, Option<Target> target, Option<Path> state) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.target = target;
        this.state = new StateArg(state);
        this.stderr = new HumanView(err, err, false, target, state);
    }

    @Override
    public Listener events() {
        Listener human = stderr.events();
        return new Listener.Quiet() {
            @Override
            public void recovered(Event.Recovered e) {
                human.recovered(e);
            }

            @Override
            public void warning(Event.Warning e) {
                human.warning(e);
            }
        };
    }

    private ObjectNode doc() {
        return JsonDocs.doc(command, target);
    }

    private void print(ObjectNode n) {
        try {
            out.println(StateJson.MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void refused(Refusal r) {
        stderr.refused(r);
        print(JsonDocs.error(doc(), r.edited(state::complete)));
    }

    @Override
    public void validated(Path file, Spec spec) {
        print(doc().put("file", file.toString()).put("valid", true).put("links", spec.links().size())
                .put("mode", spec.balancer().mode().name().toLowerCase())
                .put("hash", spec.balancer().hash().name().toLowerCase()));
    }

    @Override
    public void plan(PlanResult r) {
        if (r.journalPending()) err.println("mlb: note: an earlier apply waits in the journal to be recorded");
        ObjectNode n = JsonDocs.plan(doc(), r.plan());
        if (r.commands().isRight()) JsonDocs.strings(n, "commands", r.commands().get());
        else n.putArray("commands").addObject().put("error", r.commands().getLeft());
        JsonDocs.drift(n, r.drift());
        n.put("journal_pending", r.journalPending());
        if (r.savedTo().isDefined()) n.put("saved_to", r.savedTo().get().toString()); else n.putNull("saved_to");
        print(n);
    }

    @Override
    public void apply(ApplyResult r) {
        print(JsonDocs.apply(doc(), r));
    }

    @Override
    public void interruptAfter(ApplyResult r) {
        stderr.interruptAfter(r);
    }

    @Override
    public void confirm(ConfirmResult r) {
        ObjectNode n = doc().put("outcome", r.ending().name().toLowerCase());
        r.rev().forEach(rev -> n.put("rev", rev));
        r.deadline().forEach(d -> n.put("deadline", d.toString()));
        r.revert().forEach(a -> JsonDocs.apply(n.putObject("revert"), a));
        print(n);
    }

    @Override
    public void watch(WatchResult r) {
        ObjectNode n = doc().put("outcome", r.ending().name().toLowerCase());
        r.revert().forEach(a -> JsonDocs.apply(n.putObject("revert"), a));
        print(n);
    }

    @Override
    public void status(Status s) {
        print(JsonDocs.status(doc(), s));
    }

    @Override
    public void history(HistoryResult h) {
        ObjectNode n = doc().put("state_dir", h.stateDir().toString());
        var entries = n.putArray("entries");
        h.entries().forEach(e -> JsonDocs.entry(entries.addObject(), e));
        print(n);
    }

    @Override
    public void show(Shown s) {
        ObjectNode n = doc();
        if (!n.has("target")) n.put("target", s.entry().target());
        JsonDocs.entry(n.putObject("entry"), s.entry());
        n.put("message", s.message());
        ObjectNode files = n.putObject("files");
        s.snapshot().files().forEach((name, text) -> files.put(name, text));
        print(n);
    }

    @Override
    public void diff(Compared c) {
        ObjectNode n = doc();
        c.live().filter(t -> !n.has("target")).forEach(t -> n.put("target", t.id()));
        n.put("from", c.from()).put("to", c.to()).put("live", c.live().isDefined());
        if (c.live().isDefined()) n.put("live_target", c.live().get().id()); else n.putNull("live_target");
        if (c.specDiff().isDefined()) n.put("spec_diff", c.specDiff().get()); else n.putNull("spec_diff");
        JsonDocs.strings(n, "owned", c.owned());
        print(n);
    }
}
