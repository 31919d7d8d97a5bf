package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.Journal;
import mlb.history.Private;
import mlb.history.Record;
import mlb.history.TwoLinks;
import mlb.kernel.FakeKernel;
import mlb.model.NetState;
import mlb.model.Rule;
import mlb.proc.Target;
import mlb.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal: one file per entry, nothing overwritten, every entry recorded in order once the repo works
 * again, and no kernel change when its entry cannot be written first.
 */
class JournalOrderTest {
    private static final String TARGET = "netns-lab";

    @TempDir
    Path tmp;
    final FakeKernel kernel = FakeKernel.standard();
    final java.util.List<String> warnings = new ArrayList<>();
    final Listener collect = new Listener.Quiet() {
        @Override
        public void warning(Event.Warning e) {
            warnings.add(e.text());
        }
    };

    private Path state() {
        return tmp.resolve("state");
    }

    private Engine engine() {
        Workspace ws = new Workspace(state(), t -> kernel.kernel(), new FakeWatchers(), new MovableClock(), "tester", "router");
        return new Engine(ws, Target.netns("lab"), collect);
    }

    private ApplyResult apply(int w1, int w2) throws IOException {
        Path f = Files.writeString(tmp.resolve("home-" + w1 + "-" + w2 + ".toml"), TwoLinks.spec(w1, w2));
        return engine().apply(SpecParser.parse(f).get(), f, Option.none(), Approval.ALWAYS).get();
    }

    /** refs/heads replaced by a file: no branch can be written until it is put back. */
    private void breakRepo() throws IOException {
        Path heads = state().resolve("refs/heads");
        Files.move(heads, state().resolve("refs/heads.aside"));
        Files.writeString(heads, "in the way");
    }

    private void mendRepo() throws IOException {
        Files.delete(state().resolve("refs/heads"));
        Files.move(state().resolve("refs/heads.aside"), state().resolve("refs/heads"));
    }

    private List<String> titles() throws IOException {
        try (History h = History.existing(state()).get()) {
            return h.log(TARGET).map(Entry::title);
        }
    }

    @Test
    void twoUnrecordedAppliesAreBothRecordedInOrderWhenTheRepoWorksAgain() throws IOException {
        apply(5, 1);
        breakRepo();
        ApplyResult second = apply(4, 1);
        ApplyResult third = apply(3, 1);
        assertEquals(ApplyResult.Outcome.APPLIED, third.outcome());
        assertTrue(second.recorded().isEmpty() && third.recorded().isEmpty());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("waits in the audit journal") && w.contains("to keep the order")), warnings::toString);
        assertEquals(2, Journal.of(state(), TARGET).entries().size(), "one file each, nothing overwritten");

        mendRepo();
        HistoryResult h = engine().history().get();
        assertEquals(List.of("apply home-3-1: 0 to add, 1 to change, 0 to destroy", "apply home-4-1: 0 to add, 1 to change, 0 to destroy"),
                h.entries().take(2).map(Entry::title));
        assertEquals(3, h.entries().size());
        assertTrue(Journal.of(state(), TARGET).entries().isEmpty());
    }

    @Test
    void anInterruptedEntryIsRecordedBeforeALaterOneAndKeepsTheStateFoundFirst() throws IOException {
        Recorder r = new Recorder(state(), TARGET, collect);
        History.open(state()).close();
        breakRepo();
        NetState found = NetState.of(List.of(new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));
        r.begin(record("killed apply", Record.Outcome.INTERRUPTED)).get();
        assertTrue(r.flush(rec -> found).isEmpty(), "the repo is broken");
        Journal.Entry later = r.begin(record("later apply", Record.Outcome.INTERRUPTED)).get();
        assertTrue(r.finish(later, record("later apply", Record.Outcome.APPLIED), rec -> NetState.empty()).isEmpty());

        mendRepo();
        assertEquals(2, r.flush(rec -> NetState.empty()).size());
        assertEquals(List.of("later apply", "killed apply"), titles());
        try (History h = History.existing(state()).get()) {
            Entry killed = h.log(TARGET).last();
            assertEquals("interrupted", killed.outcome());
            assertEquals(found, mlb.history.Snapshot.of(h, killed).after(), "the state found by the first run after the kill");
        }
    }

    @Test
    void theSingleJournalFileOfEarlierVersionsIsRecordedFirst() throws IOException {
        Recorder r = new Recorder(state(), TARGET, collect);
        Journal.Entry now = r.begin(record("new entry", Record.Outcome.INTERRUPTED)).get();
        Files.move(now.file(), state().resolve(TARGET).resolve("old.json"));
        r.begin(record("new entry", Record.Outcome.INTERRUPTED)).get();
        Files.move(state().resolve(TARGET).resolve("old.json"), state().resolve(TARGET).resolve("record.pending.json"));
        Files.writeString(state().resolve(TARGET).resolve("record.pending.json"),
                Files.readString(state().resolve(TARGET).resolve("record.pending.json")).replace("new entry", "legacy entry"));
        assertEquals(2, r.flush(rec -> NetState.empty()).size(), warnings::toString);
        assertEquals(List.of("new entry", "legacy entry"), titles());
    }

    @Test
    void whenTheJournalCannotBeWrittenTheApplyIsRefusedAndTheKernelUntouched() throws IOException {
        Files.writeString(Private.dir(state().resolve(TARGET)).resolve("journal"), "a file where the journal goes");
        Path f = Files.writeString(tmp.resolve("home.toml"), TwoLinks.spec(5, 1));
        Refusal no = engine().apply(SpecParser.parse(f).get(), f, Option.none(), Approval.ALWAYS).getLeft();
        assertEquals(Refusal.Reason.CANT_CREATE, no.reason());
        assertEquals(73, mlb.view.Exit.of(no));
        assertTrue(no.message().startsWith("cannot write the audit journal in " + state().resolve(TARGET).resolve("journal")
                + " before changing the kernel: "), no.message());
        assertTrue(no.context().head().startsWith("nothing was changed"), no::toString);
        assertTrue(kernel.executed().isEmpty(), "not one command");
        assertTrue(History.existing(state()).isEmpty(), "nothing to record");
    }

    private static Record record(String title, Record.Outcome outcome) {
        return new Record(Record.Kind.APPLY, title, TARGET, mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()),
                outcome, Option.none(), Option.none(), Option.none(), NetState.empty(), NetState.empty(), NetState.empty(),
                List.empty(), "", Option.none(), Option.none(), Instant.now(), "root", "router", "test");
    }
}
