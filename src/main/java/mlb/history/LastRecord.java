package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.model.StateJson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A target's newest entry, as much of it as the drift check and `mlb status` need: the entry, the scope it was
 * made for and the owned state after it. The recorder leaves it in `<state>/<target>/last.json` after each
 * commit, so those reads need not open the repository. git stays the truth: the file is believed only while the
 * target's branch points at the commit it names; a branch moved otherwise (a commit whose last.json could not
 * be written, git by hand) makes it stale, and the entry is read from git again.
 */
public record LastRecord(Entry entry, Scope scope, NetState after) {
    private static final String FORMAT = "mlb-last-entry";
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    public static LastRecord of(Snapshot s) {
        return new LastRecord(s.entry(), s.scope(), s.after());
    }

    public static Path file(Path stateDir, String target) {
        return stateDir.resolve(target).resolve("last.json");
    }

    /** Replaces the target's last.json (privately and atomically, as every file of the state directory). */
    public void write(Path stateDir) throws IOException {
        Private.write(file(stateDir, entry.target()), StateJson.MAPPER.writeValueAsString(encode()) + "\n");
    }

    /**
     * The target's last.json when it names the commit the target's branch points at now; empty when there is no
     * such file, it is stale, or the branch cannot be told without git (then git answers).
     */
    public static Option<LastRecord> current(Path stateDir, String target) throws IOException {
        // a target id is a plain name (host, netns-NAME); one that is no valid branch name has no ref file
        if (!TARGET.matcher(target).matches()) return Option.none();
        Optional<Path> repo = Private.existingDir(stateDir);
        if (repo.isEmpty() || !RepoFiles.exists(repo.get())) return Option.none();
        Option<String> tip = RepoFiles.tip(repo.get(), target);
        if (tip.isEmpty()) return Option.none();
        Optional<Path> dir = Private.existingDir(repo.get().resolve(target));
        if (dir.isEmpty() || Owners.lstatIfAny(dir.get().resolve("last.json")) == null) return Option.none();
        LastRecord last = decode(StateJson.MAPPER.readTree(Private.read(dir.get().resolve("last.json"))));
        return tip.contains(last.entry.id()) && last.entry.target().equals(target) ? Option.some(last) : Option.none();
    }

    private ObjectNode encode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        // 2: the scope may name nftables tables and the state hold nft objects; 3: a plain set's elements are one
        // list of items; 1 and 2 are read as well
        n.put("format", FORMAT).put("version", 3);
        n.put("id", entry.id()).put("time", entry.time().toString()).put("title", entry.title())
                .put("outcome", entry.outcome()).put("target", entry.target());
        n.set("scope", StateJson.encode(scope));
        n.set("after", StateJson.encode(after));
        return n;
    }

    private static LastRecord decode(JsonNode n) throws IOException {
        int version = n.path("version").asInt();
        if (!FORMAT.equals(n.path("format").asText()) || version < 1 || version > 3) {
            throw new IOException("not an mlb last-entry file of version 1 to 3");
        }
        Entry e = new Entry(n.path("id").asText(), Instant.parse(n.path("time").asText()), n.path("title").asText(),
                n.path("outcome").asText(), n.path("target").asText());
        return new LastRecord(e, StateJson.decodeScope(n.path("scope")), StateJson.decode(n.path("after")));
    }
}
