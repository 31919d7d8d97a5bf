package mlb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import mlb.cli.CliRunner.Run;
import mlb.model.Route;
import mlb.model.RouteTarget;
import mlb.model.StateJson;
import mlb.proc.Target;
import mlb.view.Exit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person reads: the words of each outcome, hints that repeat the target and files given, times with a zone. */
class HumanOutputTest {
    @TempDir
    Path tmp;
    FakeCli cli;
    String spec;

    @BeforeEach
    void setUp() {
        cli = new FakeCli(tmp);
        spec = cli.spec(5, 1);
    }

    @Test
    void showSpecPrintsTheSpecAnEntryAppliedSoARollbackCanBeWrittenBack() throws IOException {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        String first = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        cli.expect(0, "apply", "-f", cli.spec(1, 1), "--netns", "lab", "--yes");
        assertEquals(java.nio.file.Files.readString(Path.of(spec)), cli.expect(0, "show", first, "--spec").out());
        cli.expect(0, "destroy", "--netns", "lab", "--yes");
        String destroyed = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        assertTrue(cli.expect(Exit.USAGE, "show", destroyed, "--spec").err().startsWith("mlb: error: " + destroyed
                + " holds no spec (destroy netns lab: "), "a destroy applied no spec");
    }

    /** A date and time as every human view prints one: with this machine's zone name. */
    private static final Pattern DATED = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d "
            + Pattern.quote(DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(ZoneId.systemDefault())
            .format(java.time.Instant.now())));

    @Test
    void eachOperationSaysWhatItDidInItsOwnWords() {
        assertTrue(cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes").out()
                .contains("\nApply complete: 12 to add, 1 to change, 0 to destroy. Verified"));
        cli.expect(0, "apply", "-f", cli.spec(1, 1), "--netns", "lab", "--yes");
        assertTrue(cli.expect(0, "rollback", "--netns", "lab", "--yes").out()
                .contains("\nRollback complete: 0 to add, 1 to change, 0 to destroy. Verified"));
        assertTrue(cli.expect(0, "destroy", "--netns", "lab", "--yes").out()
                .contains("\nDestroy complete: 0 to add, 0 to change, 12 to destroy. Verified"));
        assertEquals("Nothing to destroy: mlb owns nothing on netns lab.\n", cli.expect(0, "destroy", "--netns", "lab", "--yes").out());
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        assertEquals("No changes. The kernel matches the spec.\n", cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes").out());
        String newest = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        assertTrue(cli.expect(0, "rollback", newest, "--netns", "lab", "--yes").out()
                .endsWith("\nNo changes: netns lab already holds the state of that entry.\n"));
    }

    @Test
    void aConfirmTooLateRevertsAndSaysWhenTheDeadlinePassed() {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        cli.expect(0, "apply", "-f", cli.spec(1, 1), "--netns", "lab", "--yes", "--confirm", "30s");
        cli.clock.advance(java.time.Duration.ofMinutes(1));
        Run late = cli.expect(Exit.FAILED, "confirm", "--netns", "lab");
        String deadline = Lines.date(java.time.Instant.parse("2026-12-01T10:00:30Z"));
        assertTrue(late.out().startsWith("The apply on netns lab was not confirmed by " + deadline + " (confirm came too late):"
                + " reverting to the state before it.\n"), late::toString);
        assertTrue(late.out().contains("\nRevert complete: 0 to add, 1 to change, 0 to destroy. Verified"), late::toString);
        assertEquals("mlb: error: too late: the confirm deadline passed at " + deadline + "; the unconfirmed apply was reverted\n",
                late.err());
    }

    /** The views' own date format, in this machine's zone. */
    private static final class Lines {
        static String date(java.time.Instant t) {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT).withZone(ZoneId.systemDefault()).format(t);
        }
    }

    @Test
    void validateCountsInWords() {
        Path one = cli.dir.resolve("one.toml");
        try {
            java.nio.file.Files.writeString(one, "[[link]]\nname = \"isp1\"\ndev = \"wan1\"\ngateway = \"198.18.1.1\"\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(one + ": valid (1 link, route mode, l4 hashing)\n", cli.expect(0, "validate", "-f", one.toString()).out());
        assertEquals(spec + ": valid (2 links, route mode, l4 hashing)\n", cli.expect(0, "validate", "-f", spec).out());
    }

    @Test
    void hintsRepeatTheTargetAndTheStateGiven() {
        Path state = tmp.resolve("my state");
        String st = "'" + state + "'";
        String saved = tmp.resolve("plan.json").toString();
        Run plan = cli.expect(0, "plan", "-f", spec, "--netns", "lab", "-o", saved, "--state", state.toString());
        assertTrue(plan.out().endsWith("Saved the plan to " + saved + ": apply it with `mlb apply " + saved
                + " --netns lab --state " + st + "`.\n"), plan::toString);
        Run plain = cli.expect(0, "plan", "-f", spec, "-o", saved);
        assertTrue(plain.out().endsWith("apply it with `mlb apply " + saved + "`.\n"), plain::toString);

        Run armed = cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes", "--confirm", "2m", "--state", state.toString());
        assertTrue(Pattern.compile("Confirm by \\d\\d:\\d\\d:\\d\\d \\S+ \\(2m\\): run `mlb confirm --netns lab --state "
                + Pattern.quote(st) + "`, or mlb reverts").matcher(armed.out()).find(), armed::toString);
        Run status = cli.expect(0, "status", "--netns", "lab", "--state", state.toString());
        assertTrue(Pattern.compile("Pending confirm: yes, 1\\d\\ds left: reverts of [0-9a-f]{7} at " + DATED.pattern()
                + " unless `mlb confirm --netns lab --state " + Pattern.quote(st) + "` runs").matcher(status.out()).find(), status::toString);

        Run nothing = cli.expect(Exit.USAGE, "rollback", "--netns", "lab", "--yes", "--state", state.toString());
        assertTrue(nothing.err().contains("  give a REV from `mlb history --netns lab --state " + st + "`\n"), nothing::toString);

        Run unknown = cli.expect(Exit.USAGE, "show", "abcdef1", "--state", state.toString());
        assertTrue(unknown.err().contains("see `mlb history --state " + st + "` for revisions"), unknown::toString);
    }

    @Test
    void timesSayTheirZoneAndShowSaysOutcomeAndTargetOnce() {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        String line = cli.expect(0, "history", "--netns", "lab").out();
        assertTrue(Pattern.compile("^[0-9a-f]{7}  " + DATED.pattern() + "  applied     apply home-5-1: ").matcher(line).find(), line);
        String rev = line.substring(0, 7);
        Run show = cli.expect(0, "show", rev);
        assertTrue(Pattern.compile("\\nDate:    " + DATED.pattern() + "\\n").matcher(show.out()).find(), show::toString);
        assertEquals(1, show.out().lines().filter(l -> l.strip().startsWith("Outcome:")).count(), show::toString);
        assertEquals(1, show.out().lines().filter(l -> l.strip().startsWith("Target:")).count(), show::toString);
        assertEquals("", show.err());
        Run status = cli.expect(0, "status", "--netns", "lab");
        assertTrue(Pattern.compile("Last apply:      " + rev + "  " + DATED.pattern()).matcher(status.out()).find(), status::toString);
    }

    @Test
    void showWithAnotherNamespaceSaysWhoseEntryItIs() {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        String rev = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        Run other = cli.expect(0, "show", rev, "--netns", "other");
        assertEquals("mlb: note: " + rev + " belongs to netns-lab, not to netns other\n", other.err());
        assertEquals("", cli.expect(0, "show", rev, "--netns", "lab").err());
    }

    @Test
    void diffAgainstLiveReadsTheKernelOfTheEntrysTarget() {
        mlb.kernel.FakeKernel elsewhere = mlb.kernel.FakeKernel.standard();
        cli.kernels = t -> t.equals(Target.netns("lab")) ? cli.kernel.kernel() : elsewhere.kernel();
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        String rev = cli.expect(0, "history", "--netns", "lab").out().substring(0, 7);
        Run d = cli.expect(0, "diff", rev, "live");
        assertTrue(d.out().contains("no differences between " + rev + " and live (netns lab)"), "lab's kernel, not the host's: " + d);
        Run other = cli.expect(0, "diff", rev, "live", "--netns", "other");
        assertTrue(other.out().contains("Owned state (after.json), from " + rev + " to live (netns other):"), other::toString);
    }

    @Test
    void statusShowsTheFirstDriftedObjectsAndCountsTheRest() throws IOException {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        for (int i = 0; i < 25; i++) {
            cli.kernel.with(new Route(201, "198.18.200." + i + "/32", 0, new RouteTarget.Gateway("198.18.1.1", "wan1"), 250));
        }
        Run s = cli.expect(0, "status", "--netns", "lab");
        assertTrue(s.out().contains("Drift:           yes, 25 objects changed outside mlb (`mlb plan -f SPEC --netns lab` plans them back)\n"),
                s::toString);
        List<String> listed = s.out().lines().filter(l -> l.startsWith("                   ")).toList();
        assertEquals(11, listed.size(), s::toString);
        assertEquals("                   … and 15 more (all of them: `mlb status --netns lab --json`)", listed.get(10));
        JsonNode json = StateJson.MAPPER.readTree(cli.expect(0, "status", "--netns", "lab", "--json").out());
        assertEquals(25, json.at("/drift/objects").size(), "the JSON keeps them all");
        assertFalse(json.at("/drift/objects/24").asText().isEmpty());
    }
}
