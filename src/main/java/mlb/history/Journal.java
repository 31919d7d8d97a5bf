package mlb.history;

import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The record not yet in the audit repo: written before the kernel is touched (outcome INTERRUPTED), rewritten
 * with the outcome, removed once committed. Whatever stops an apply between those steps, the next mlb run on
 * the target finds it here and commits it, so no kernel change goes unrecorded.
 */
public record Journal(Path file) {
    public static Journal of(Path stateDir, String target) {
        return new Journal(stateDir.resolve(target).resolve("record.pending.json"));
    }

    public void write(Record r) throws IOException {
        Private.write(file, RecordJson.journal(r));
    }

    /** The pending record; a journal that cannot be parsed is reported, never silently dropped. */
    public Option<Record> read() throws IOException {
        if (!Files.exists(file)) return Option.none();
        return Option.some(RecordJson.parseJournal(Files.readString(file)));
    }

    public boolean pending() {
        return Files.exists(file);
    }

    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
