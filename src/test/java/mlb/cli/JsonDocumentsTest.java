package mlb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import mlb.cli.CliRunner.Run;
import mlb.model.StateJson;
import mlb.view.Exit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each command's --json document: one document on stdout, format_version, command, target, its fields. */
class JsonDocumentsTest {
    @TempDir
    Path tmp;
    FakeCli cli;
    String spec;

    @BeforeEach
    void setUp() {
        cli = new FakeCli(tmp);
        spec = cli.spec(5, 1);
    }

    /** stdout is exactly one JSON document, of this command (and target, when given). */
    private JsonNode json(int code, String command, String target, String... args) throws IOException {
        Run r = cli.expect(code, args);
        JsonNode n = StateJson.MAPPER.readTree(r.out());
        assertEquals(r.out().strip(), StateJson.MAPPER.writeValueAsString(n), "one document, nothing else: " + r);
        assertEquals(1, n.get("format_version").asInt(), r::toString);
        assertEquals(command, n.get("command").asText(), r::toString);
        if (target == null) assertFalse(n.has("target"), r::toString); else assertEquals(target, n.get("target").asText(), r::toString);
        return n;
    }

    private static void isInstant(JsonNode n) {
        Instant.parse(n.asText());
    }

    @Test
    void validate() throws IOException {
        JsonNode n = json(0, "validate", null, "validate", "-f", spec, "--json");
        assertEquals(spec, n.get("file").asText());
        assertTrue(n.get("valid").asBoolean());
        assertEquals(2, n.get("links").asInt());
        assertEquals("route", n.get("mode").asText());
        assertEquals("l4", n.get("hash").asText());
    }

    @Test
    void plan() throws IOException {
        Path saved = tmp.resolve("plan.json");
        JsonNode n = json(0, "plan", "netns-lab", "plan", "-f", spec, "--netns", "lab", "--json", "-o", saved.toString());
        assertEquals(12, n.at("/summary/add").asInt());
        assertEquals(1, n.at("/summary/change").asInt());
        assertEquals(0, n.at("/summary/destroy").asInt());
        assertEquals(13, n.get("changes").size());
        assertEquals(13, n.get("commands").size());
        assertTrue(n.get("notes").isArray());
        assertTrue(n.get("drift").isNull(), "nothing recorded yet");
        assertFalse(n.get("journal_pending").asBoolean());
        assertEquals(saved.toString(), n.get("saved_to").asText());
        assertEquals("host", json(0, "plan", "host", "plan", "-f", spec, "--json").get("target").asText());
    }

    @Test
    void applyDestroyAndRollback() throws IOException {
        JsonNode a = json(0, "apply", "netns-lab", "apply", "-f", spec, "--netns", "lab", "--yes", "--json");
        assertEquals("applied", a.get("outcome").asText());
        assertEquals(12, a.at("/summary/add").asInt());
        assertEquals(13, a.get("commands").size());
        assertEquals(40, a.get("recorded").asText().length(), "the whole commit id");
        assertEquals(cli.state.toString(), a.get("state_dir").asText());
        assertTrue(a.get("failure").isNull());
        assertTrue(a.get("confirm").isNull());
        assertFalse(a.get("confirmed_earlier").asBoolean());

        json(0, "apply", "netns-lab", "apply", "-f", cli.spec(1, 1), "--netns", "lab", "--yes", "--json");
        JsonNode r = json(0, "rollback", "netns-lab", "rollback", "--netns", "lab", "--yes", "--json");
        assertEquals("applied", r.get("outcome").asText());
        assertEquals(1, r.at("/summary/change").asInt());

        JsonNode d = json(0, "destroy", "netns-lab", "destroy", "--netns", "lab", "--yes", "--json");
        assertEquals("applied", d.get("outcome").asText());
        assertEquals(12, d.at("/summary/destroy").asInt());
        JsonNode nothing = json(0, "destroy", "netns-lab", "destroy", "--netns", "lab", "--yes", "--json");
        assertEquals("unchanged", nothing.get("outcome").asText());
        assertTrue(nothing.get("recorded").isNull());
    }

    @Test
    void confirm() throws IOException {
        JsonNode n = json(0, "confirm", "netns-lab", "confirm", "--netns", "lab", "--json");
        assertEquals("nothing_pending", n.get("outcome").asText());
    }

    @Test
    void statusHistoryShowAndDiff() throws IOException {
        cli.expect(0, "apply", "-f", spec, "--netns", "lab", "--yes");
        cli.expect(0, "apply", "-f", cli.spec(1, 1), "--netns", "lab", "--yes");

        JsonNode s = json(0, "status", "netns-lab", "status", "--netns", "lab", "--json");
        assertEquals("applied", s.at("/last/outcome").asText());
        isInstant(s.at("/last/time"));
        assertFalse(s.at("/drift/drifted").asBoolean());
        assertTrue(s.at("/drift/objects").isArray());
        assertTrue(s.get("pending_confirm").isNull());
        assertFalse(s.get("journal_pending").asBoolean());
        assertTrue(s.get("monitor").isNull());

        JsonNode h = json(0, "history", "netns-lab", "history", "--netns", "lab", "--json");
        assertEquals(cli.state.toString(), h.get("state_dir").asText());
        assertEquals(2, h.get("entries").size());
        JsonNode newest = h.at("/entries/0");
        String rev = newest.get("rev").asText();
        assertEquals(7, rev.length());
        assertTrue(newest.get("commit").asText().startsWith(rev));
        isInstant(newest.get("time"));
        assertEquals("applied", newest.get("outcome").asText());
        assertEquals("netns-lab", newest.get("target").asText());
        assertTrue(newest.get("message").asText().startsWith("apply home-1-1: "));

        JsonNode show = json(0, "show", "netns-lab", "show", rev, "--json");
        assertEquals(rev, show.at("/entry/rev").asText());
        assertTrue(show.get("message").asText().contains("Outcome: applied"));
        assertTrue(show.at("/files/spec.toml").asText().contains("weight = 1"));
        assertTrue(show.at("/files/plan.txt").isTextual());

        JsonNode one = json(0, "diff", null, "diff", rev, "--json");
        assertEquals(h.at("/entries/1/rev").asText(), one.get("from").asText());
        assertEquals(rev, one.get("to").asText());
        assertFalse(one.get("live").asBoolean());
        assertTrue(one.get("live_target").isNull());
        assertTrue(one.get("spec_diff").asText().contains("-weight = 5"));
        assertEquals(1, one.get("owned").size(), "the group's weights: " + one.get("owned"));

        JsonNode live = json(0, "diff", "netns-lab", "diff", rev, "live", "--json");
        assertTrue(live.get("live").asBoolean());
        assertEquals("netns-lab", live.get("live_target").asText(), "REV's own target, not the host");
        assertTrue(live.get("spec_diff").isNull());
        assertEquals(0, live.get("owned").size());
    }

    @Test
    void aRefusalIsOneDocumentWithErrorOnStdoutAndTheLineOnStderr() throws IOException {
        Run r = cli.expect(Exit.USAGE, "status", "--netns", "gone", "--json");
        JsonNode n = StateJson.MAPPER.readTree(r.out());
        assertEquals("status", n.get("command").asText());
        assertEquals("netns-gone", n.get("target").asText());
        assertEquals("usage", n.at("/error/reason").asText());
        assertEquals(64, n.at("/error/exit_code").asInt());
        assertEquals("network namespace gone does not exist (see `ip netns list`)", n.at("/error/message").asText());
        assertEquals("mlb: error: network namespace gone does not exist (see `ip netns list`)\n", r.err());

        Run missing = cli.expect(Exit.NO_INPUT, "plan", "--netns", "lab", "--json");
        JsonNode m = StateJson.MAPPER.readTree(missing.out());
        assertEquals("no_input", m.at("/error/reason").asText());
        assertTrue(m.at("/error/context/0").asText().startsWith("name the spec with -f SPEC"));
    }

    /** A spec's problems, and the host's, are values: a code for scripts, the place, the message and the fix. */
    @Test
    void problemsAreValues() throws IOException {
        String bad = java.nio.file.Files.writeString(tmp.resolve("bad.toml"),
                "[[link]]\nname = \"isp1\"\ndev = \"wan1\"\ngateway = \"010.0.0.1\"\n").toString();
        JsonNode n = json(Exit.INVALID_SPEC, "validate", null, "validate", "-f", bad, "--json");
        JsonNode p = n.at("/error/problems/0");
        assertEquals("bad_address", p.get("code").asText(), n::toString);
        assertEquals(bad, p.get("file").asText());
        assertEquals(4, p.get("line").asInt());
        assertEquals(11, p.get("column").asInt());
        assertEquals("link[0].gateway", p.get("path").asText());
        assertEquals("not an IPv4 address: \"010.0.0.1\"", p.get("message").asText());
        assertTrue(p.get("fix").asText().startsWith("write \"10.0.0.1\""), p::toString);
        assertEquals(1, n.at("/error/problems").size());

        String elsewhere = java.nio.file.Files.writeString(tmp.resolve("wan9.toml"),
                java.nio.file.Files.readString(Path.of(spec)).replace("\"wan2\"", "\"wan9\"")).toString();
        JsonNode m = json(Exit.INVALID_SPEC, "plan", "netns-lab", "plan", "-f", elsewhere, "--netns", "lab", "--json");
        JsonNode q = m.at("/error/problems/0");
        assertEquals("no_device", q.get("code").asText(), m::toString);
        assertEquals("link[1].dev", q.get("path").asText());
        assertEquals("link isp2: device wan9 does not exist", q.get("message").asText());
        assertEquals("check dev, or bring the interface up first", q.get("fix").asText());
        assertFalse(q.has("line"), "the host's facts have no place in the file");
    }

    @Test
    void withJsonOnATerminalAChangeNeedsYes() throws IOException {
        cli.interactive = true;
        for (String[] args : new String[][]{
                {"apply", "-f", spec, "--netns", "lab", "--json"},
                {"destroy", "--netns", "lab", "--json"},
                {"rollback", "--netns", "lab", "--json"}}) {
            Run r = cli.expect(Exit.USAGE, args);
            assertEquals("--json needs --yes: a prompt would break the JSON", StateJson.MAPPER.readTree(r.out()).at("/error/message").asText());
            assertTrue(r.err().startsWith("mlb: error: --json needs --yes: a prompt would break the JSON\n"), r::toString);
        }
        assertTrue(cli.kernel.executed().isEmpty());
        json(0, "apply", "netns-lab", "apply", "-f", spec, "--netns", "lab", "--json", "--yes");
    }
}
