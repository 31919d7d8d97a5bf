package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.history.Entry;
import mlb.history.History;
import mlb.history.LastRecord;
import mlb.history.Record;
import mlb.history.Snapshot;
import mlb.model.NetState;
import mlb.model.Rule;
import mlb.model.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journal, commits and provenance without a kernel. */
class RecorderTest {
    private static final String TARGET = "netns-mlbt-unit";
    private static final Scope SCOPE = mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults());
    private static final NetState ONE_RULE = NetState.of(List.of(
            new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));

    @TempDir
    Path tmp;
    final java.util.List<String> warnings = new java.util.ArrayList<>();
    final Listener err = new Listener.Quiet() {
        @Override
        public void warning(Event.Warning e) {
            warnings.add(e.text());
        }
    };

    private static Record intent() {
        return new Record(Record.Kind.APPLY, "apply home: 1 to add, 0 to change, 0 to destroy", TARGET, SCOPE,
                Record.Outcome.INTERRUPTED, Option.some("/etc/mlb/home.toml"), Option.some("[balancer]\n"), Option.none(),
                ONE_RULE, NetState.empty(), NetState.empty(), List.of("ip rule add priority 10000 from all lookup main"),
                "Plan: 1 to add, 0 to change, 0 to destroy.\n", Option.none(), Option.none(), Instant.now(), "root", "router", "test");
    }

    /** An apply killed after begin(): the next run records it with the state it finds; how it ended, as recorded. */
    private Entry killedThenFound(String name, NetState found) throws Exception {
        Path state = tmp.resolve(name);
        Recorder r = new Recorder(state, TARGET, err);
        assertTrue(r.begin(intent()).isRight());
        assertTrue(r.pending());
        List<String> ids = new Recorder(state, TARGET, err).flush(rec -> found);
        assertEquals(1, ids.size(), warnings.toString());
        assertFalse(r.pending());
        try (History h = History.open(state)) {
            Entry e = h.latest(TARGET).get();
            assertEquals(found, Snapshot.of(h, e).after());
            assertTrue(h.message(e).contains("Spec-Sha256: "), h.message(e));
            return e;
        }
    }

    @Test
    void anApplyKilledAfterItsWriteIsRecordedAsAppliedNotInterrupted() throws Exception {
        Entry e = killedThenFound("state", ONE_RULE);
        assertEquals("applied", e.outcome(), "the kernel holds every change of the plan");
        assertTrue(e.applied());
    }

    @Test
    void anApplyKilledBeforeOrDuringItsWriteIsRecordedAsInterruptedSayingWhatTheKernelHolds() throws Exception {
        Entry none = killedThenFound("before", NetState.empty());
        assertEquals("interrupted", none.outcome());
        NetState other = NetState.of(List.of(new Rule(10001, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));
        Entry part = killedThenFound("part", other);
        assertEquals("interrupted", part.outcome());
        try (History h = History.open(tmp.resolve("before")); History h2 = History.open(tmp.resolve("part"))) {
            assertTrue(h.message(none).contains("the next run found none of its changes in the kernel (it is as before)"),
                    h.message(none));
            assertTrue(h2.message(part).contains("the next run found part of its changes in the kernel"), h2.message(part));
        }
    }

    @Test
    void aFailedCommitStaysInTheJournalWithAWarningAndTheNextRunRecordsIt() throws Exception {
        Path state = tmp.resolve("state");
        History.open(state).close();
        Path heads = state.resolve("refs/heads");
        Files.delete(heads);
        Files.writeString(heads, "in the way");
        Recorder r = new Recorder(state, TARGET, err);
        mlb.history.Journal.Entry entry = r.begin(intent()).get();
        Record done = intent().finished(Record.Outcome.APPLIED, ONE_RULE, intent().commands(), Option.none());
        assertTrue(r.finish(entry, done, rec -> NetState.empty()).isEmpty());
        assertTrue(warnings.get(0).contains("could not be recorded"), warnings.toString());
        assertTrue(r.pending());

        Files.delete(heads);
        assertEquals(1, r.flush(rec -> NetState.empty()).size());
        assertTrue(r.flush(rec -> NetState.empty()).isEmpty(), "recorded once");
        try (History h = History.open(state)) {
            assertEquals(1, h.log(TARGET).size());
            assertEquals("applied", h.latest(TARGET).get().outcome());
        }
    }

    @Test
    void eachCommitLeavesLastJsonAsGitReadsTheEntryBackAndOnlyTheBranchTipIsBelieved() throws Exception {
        Path state = tmp.resolve("state");
        Recorder r = new Recorder(state, TARGET, err);
        Record done = intent().finished(Record.Outcome.APPLIED, ONE_RULE, intent().commands(), Option.none());
        String first = r.finish(r.begin(intent()).get(), done, rec -> NetState.empty()).get();
        assertEquals(List.of(), List.ofAll(warnings));
        try (History h = History.open(state)) {
            LastRecord fromGit = LastRecord.of(Snapshot.of(h, h.latest(TARGET).get()));
            assertEquals(Option.some(fromGit), LastRecord.current(state, TARGET));
            assertEquals(first, fromGit.entry().id());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(LastRecord.file(state, TARGET), java.nio.file.LinkOption.NOFOLLOW_LINKS)));

            // a commit that left no last.json (or git by hand) moves the branch: the file is stale, git answers
            h.commit(intent().finished(Record.Outcome.FAILED, NetState.empty(), List.empty(), Option.some("by hand")));
            assertEquals(Option.none(), LastRecord.current(state, TARGET));
            assertEquals(Option.none(), LastRecord.current(state, "netns-other"));
        }
        String third = r.finish(r.begin(intent()).get(), done, rec -> NetState.empty()).get();
        assertEquals(third, LastRecord.current(state, TARGET).get().entry().id());

        // after `git pack-refs` the branch is in packed-refs only
        Path loose = state.resolve("refs/heads/" + TARGET);
        Files.writeString(state.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n"
                + Files.readString(loose).strip() + " refs/heads/" + TARGET + "\n");
        Files.delete(loose);
        assertEquals(third, LastRecord.current(state, TARGET).get().entry().id());

        // never read through a symlink (the engine then asks git), even to a file that would be believed
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), Files.readString(LastRecord.file(state, TARGET)));
        Files.writeString(LastRecord.file(state, TARGET), "{\"format\": \"something else\"}");
        assertThrows(java.io.IOException.class, () -> LastRecord.current(state, TARGET));
        Files.delete(LastRecord.file(state, TARGET));
        Files.createSymbolicLink(LastRecord.file(state, TARGET), elsewhere);
        assertThrows(java.io.IOException.class, () -> LastRecord.current(state, TARGET));
    }
}
