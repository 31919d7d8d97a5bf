package mlb.history;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Rule;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commits and provenance without a kernel. */
class HistoryRepoTest {
    private static final String TARGET = "netns-mlbt-unit";
    private static final NetState ONE_RULE = NetState.of(List.of(
            new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));

    @TempDir
    Path tmp;

    private static Record intent() {
        return new Record(Record.Kind.APPLY, "apply home: 1 to add, 0 to change, 0 to destroy", TARGET, mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()),
                Record.Outcome.INTERRUPTED, Option.some("/etc/mlb/home.toml"), Option.some("[balancer]\n"), Option.none(),
                ONE_RULE, NetState.empty(), NetState.empty(), List.of("ip rule add priority 10000 from all lookup main"),
                "Plan: 1 to add, 0 to change, 0 to destroy.\n", Option.none(), Option.none(), Instant.now(), "root", "router", "test");
    }

    /** Whether a record is committed already is told by its meta.json alone, read without the entry's other files. */
    @Test
    void oneFileOfAnEntryIsReadAloneAndTheNewestEntryIsKnownByItsMeta() throws Exception {
        try (History h = History.open(tmp.resolve("state"))) {
            Record done = intent().finished(Record.Outcome.APPLIED, ONE_RULE, List.empty(), Option.none());
            assertFalse(h.isLatest(done));
            h.commit(done);
            Entry e = h.latest(TARGET).get();
            assertEquals(Option.some(RecordJson.meta(done)), h.file(e, "meta.json"));
            assertEquals(Option.some("[balancer]\n"), h.file(e, "spec.toml"));
            assertEquals(Option.none(), h.file(e, "no-such-file.txt"));
            assertTrue(h.isLatest(done));
            assertFalse(h.isLatest(intent()), "the same apply before its outcome is another record");
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

    @Test
    void gitsSystemConfigIsNeitherLookedForNorRead() throws Exception {
        try (History h = History.open(tmp.resolve("state"))) {
            var system = org.eclipse.jgit.util.SystemReader.getInstance().openSystemConfig(null, org.eclipse.jgit.util.FS.DETECTED);
            // JGit finds that file by running git; a config of no file is what it uses under GIT_CONFIG_NOSYSTEM
            assertEquals(null, system.getFile());
            assertTrue(h.log(TARGET).isEmpty());
        }
    }
}
