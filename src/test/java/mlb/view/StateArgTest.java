package mlb.view;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The --state a user gave, repeated in every suggested command that reads or writes the history. */
class StateArgTest {
    private final StateArg given = new StateArg(Option.some(Path.of("/srv/mlb state")));

    @Test
    void addedToEachHistoryCommandOnceAndQuotedForTheShell() {
        assertEquals("see `mlb history --netns lab --state '/srv/mlb state'` and `mlb status --state '/srv/mlb state'`",
                given.complete("see `mlb history --netns lab` and `mlb status`"));
        assertEquals("run `mlb plan -f a.toml -o p.json --state /x` again",
                given.complete("run `mlb plan -f a.toml -o p.json --state /x` again"), "one given stays");
        assertEquals("`mlb plan --state /x/s` to see it", new StateArg(Option.some(Path.of("/x/s"))).complete("`mlb plan` to see it"));
    }

    @Test
    void leftAloneWhereTheStateDoesNothingOrWasNotGiven() {
        assertEquals("`mlb validate -f x` and `mlb lab heal isp2` and `mlb planet`",
                given.complete("`mlb validate -f x` and `mlb lab heal isp2` and `mlb planet`"));
        assertEquals("see `mlb history`", StateArg.none().complete("see `mlb history`"));
        assertEquals("a `$1` and \\ stay", given.complete("a `$1` and \\ stay"));
    }
}
