package mlb.history;

import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.model.StateJson;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An entry with its files: what rollback, diff, show and drift read back. */
public record Snapshot(Entry entry, TreeMap<String, String> files) {
    public static Snapshot of(History h, Entry e) throws IOException {
        return new Snapshot(e, h.files(e));
    }

    /** The owned state the kernel held after this entry: what rollback returns to. */
    public NetState after() {
        return state("after.json");
    }

    /** What was mlb's when this entry was made, which reading its state back from the kernel needs. */
    public Scope scope() {
        try {
            return RecordJson.scope(file("meta.json").getOrElse("{}"), after());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Option<String> spec() {
        return file("spec.toml");
    }

    public Option<String> file(String name) {
        return files.get(name);
    }

    private NetState state(String name) {
        return file(name).map(text -> StateJson.parse(text, this::file)).getOrElse(NetState.empty());
    }
}
