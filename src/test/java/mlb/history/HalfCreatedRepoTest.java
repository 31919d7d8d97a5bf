package mlb.history;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kill during the first creation of the audit repo leaves a directory with some of git's entries and no
 * config. The next open finishes it (nothing there is deleted) instead of failing every later record.
 */
class HalfCreatedRepoTest {
    private static final String TARGET = "netns-mlbt-unit";

    @TempDir
    Path tmp;

    static Record applied(String title) {
        NetState one = NetState.of(List.of(new Rule(10000, Option.none(), Option.none(), Option.none(), 254, Option.some(0), 250)));
        return new Record(Record.Kind.APPLY, title, TARGET, mlb.compile.Compiler.scope(mlb.spec.Balancer.defaults()),
                Record.Outcome.APPLIED, Option.none(), Option.none(), Option.none(), one, NetState.empty(), one,
                List.empty(), "", Option.none(), Option.none(), Instant.now(), "root", "router", "test");
    }

    /** What an older mlb left when killed inside JGit's create: directories in JGit's order, no config. */
    @ParameterizedTest
    @ValueSource(strings = {"objects", "objects,refs/heads", "objects,objects/info,objects/pack,refs/heads,refs/tags,logs,hooks",
            "objects,refs/heads,refs/tags,HEAD", "refs/heads"})
    void aRepoWithoutConfigIsFinishedAndWhatWasThereStays(String made) throws IOException {
        Path state = Private.dir(tmp.resolve("state"));
        for (String entry : made.split(",")) {
            if (entry.equals("HEAD")) Files.writeString(state.resolve("HEAD"), "ref: refs/heads/master\n");
            else Files.createDirectories(state.resolve(entry));
        }
        Files.writeString(Private.dir(state.resolve(TARGET)).resolve("confirm-watch.log"), "kept\n");
        assertTrue(History.existing(state).isEmpty(), "no config: not a repository yet");

        try (History h = History.open(state)) {
            h.commit(applied("apply after the kill"));
            assertEquals(1, h.log(TARGET).size());
        }
        assertTrue(Files.isRegularFile(state.resolve("config")));
        assertEquals("kept\n", Files.readString(state.resolve(TARGET).resolve("confirm-watch.log")));
        try (var left = Files.list(state)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".mlb-init-")), "no creation directory left");
        }
        HistoryIT.assertPrivate(state.resolve("objects"));
        HistoryIT.assertPrivate(state.resolve("refs"));
        try (History again = History.existing(state).get()) {
            assertEquals("apply after the kill", again.latest(TARGET).get().title());
        }
    }

    @Test
    void aCreationDirectoryLeftByAKillIsRemovedAndTheRepoCreated() throws IOException {
        Path state = Private.dir(tmp.resolve("state"));
        Path stale = Files.createDirectories(state.resolve(".mlb-init-0123456789ab/objects/pack"));
        Files.writeString(state.resolve(".mlb-init-0123456789ab/config"), "[core]\n");
        Files.writeString(state.resolve("README.md"), "the checkout's own file\n");
        try (History h = History.open(state)) {
            h.commit(applied("first"));
        }
        assertFalse(Files.exists(stale.getParent().getParent()));
        assertEquals("the checkout's own file\n", Files.readString(state.resolve("README.md")));

        Path late = Files.createDirectories(state.resolve(".mlb-init-ba9876543210/refs"));
        History.open(state).close();
        assertFalse(Files.exists(late.getParent()), "left by a creation killed after config moved in");
    }
}
