package mlb.history;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Rule;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journal, commits and provenance without a kernel. */
class RecorderTest {
    private static final String TARGET = "netns-mlbt-unit";
    private static final NetState ONE_RULE = NetState.of(List.of(
            new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));

    @TempDir
    Path tmp;
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static Record intent() {
        return new Record(Record.Kind.APPLY, "apply home: 1 to add, 0 to change, 0 to destroy", TARGET, 250,
                Record.Outcome.INTERRUPTED, Option.some("/etc/mlb/home.toml"), Option.some("[balancer]\n"), Option.none(),
                ONE_RULE, NetState.empty(), NetState.empty(), List.of("ip rule add priority 10000 from all lookup main"),
                "Plan: 1 to add, 0 to change, 0 to destroy.\n", Option.none(), Option.none(), Instant.now(), "root", "router", "test");
    }

    @Test
    void anInterruptedApplyIsRecordedByTheNextRunWithTheStateItLeft() throws Exception {
        Path state = tmp.resolve("state");
        Recorder r = new Recorder(state, TARGET, err);
        r.begin(intent());
        assertTrue(r.pending());
        Option<String> id = new Recorder(state, TARGET, err).flush(rec -> ONE_RULE);
        assertTrue(id.isDefined(), errBytes.toString());
        assertFalse(r.pending());
        try (History h = History.open(state)) {
            Entry e = h.latest(TARGET).get();
            assertEquals("interrupted", e.outcome());
            assertEquals(ONE_RULE, Snapshot.of(h, e).after());
            assertTrue(h.message(e).contains("Spec-Sha256: "), h.message(e));
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
        Record done = intent().finished(Record.Outcome.APPLIED, ONE_RULE, intent().commands(), Option.none());
        assertTrue(r.finish(done).isEmpty());
        assertTrue(errBytes.toString().startsWith("mlb: warning: "), errBytes.toString());
        assertTrue(r.pending());

        Files.delete(heads);
        assertTrue(r.flush(rec -> NetState.empty()).isDefined());
        assertTrue(r.flush(rec -> NetState.empty()).isEmpty(), "recorded once");
        try (History h = History.open(state)) {
            assertEquals(1, h.log(TARGET).size());
            assertEquals("applied", h.latest(TARGET).get().outcome());
        }
    }

    @Test
    void aRefLockLeftByAKilledRunDoesNotBlockTheNextCommit() throws Exception {
        Path state = tmp.resolve("state");
        try (History h = History.open(state)) {
            Files.createDirectories(state.resolve("refs/heads"));
            Files.writeString(state.resolve("refs/heads/" + TARGET + ".lock"), "");
            h.commit(intent().finished(Record.Outcome.APPLIED, ONE_RULE, List.empty(), Option.none()));
            assertEquals(1, h.log(TARGET).size());
        }
        HistoryIT.assertPrivate(state);
    }

    @Test
    void provenanceNamesTheCommitAndWhetherTheFileDiffersFromIt() throws Exception {
        Path repo = tmp.resolve("specs");
        Path spec = repo.resolve("home.toml");
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            Files.writeString(spec, "a = 1\n");
            git.add().addFilepattern("home.toml").call();
            String head = git.commit().setMessage("spec").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org")
                    .setSign(false).call().getName();
            assertEquals(Option.some(new Provenance(head, false)), Provenance.of(spec, "a = 1\n"));
            assertEquals(Option.some(new Provenance(head, true)), Provenance.of(spec, "a = 2\n"), "not the applied text");
            Files.writeString(spec, "a = 2\n");
            assertEquals(Option.some(new Provenance(head, true)), Provenance.of(spec, "a = 2\n"), "modified");
        }
        Path loose = Files.writeString(tmp.resolve("loose.toml"), "a = 1\n");
        assertTrue(Provenance.of(loose, "a = 1\n").isEmpty());
    }
}
