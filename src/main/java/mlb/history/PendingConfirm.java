package mlb.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.model.StateJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An apply made with --confirm that nobody confirmed yet: when to revert, which watcher process will do it,
 * and the owned state to return to. The state is kept here, not only in history, so the revert works even
 * when recording the apply failed.
 */
public record PendingConfirm(Instant deadline, long pid, String token, Scope scope, NetState returnTo,
                             Option<String> unconfirmed) {

    public static Path file(Path stateDir, String target) {
        return stateDir.resolve(target).resolve("confirm.pending.json");
    }

    public static Option<PendingConfirm> read(Path stateDir, String target) throws IOException {
        Path f = file(stateDir, target);
        if (!Files.exists(f)) return Option.none();
        JsonNode n = StateJson.MAPPER.readTree(Files.readString(f));
        return Option.some(new PendingConfirm(Instant.ofEpochMilli(n.path("deadline").asLong()), n.path("pid").asLong(),
                n.path("token").asText(), StateJson.decodeScope(n.path("scope")), StateJson.decode(n.path("return_to")),
                n.hasNonNull("unconfirmed") ? Option.some(n.get("unconfirmed").asText()) : Option.none()));
    }

    public void write(Path stateDir, String target) throws IOException {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("deadline", deadline.toEpochMilli()).put("deadline_text", deadline.toString());
        n.put("pid", pid).put("token", token).set("scope", StateJson.encode(scope));
        unconfirmed.forEach(u -> n.put("unconfirmed", u));
        n.set("return_to", StateJson.encode(returnTo));
        Private.write(file(stateDir, target), StateJson.MAPPER.writeValueAsString(n) + "\n");
    }

    public static void remove(Path stateDir, String target) throws IOException {
        Files.deleteIfExists(file(stateDir, target));
    }

    public boolean overdue(Instant now) {
        return !now.isBefore(deadline);
    }

    public PendingConfirm withWatcher(long pid, String token, Instant deadline) {
        return new PendingConfirm(deadline, pid, token, scope, returnTo, unconfirmed);
    }
}
