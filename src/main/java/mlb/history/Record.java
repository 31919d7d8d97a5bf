package mlb.history;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import mlb.model.NetState;
import mlb.model.Scope;
import mlb.model.StateJson;

import java.time.Instant;

/**
 * One entry of the audit history: what was applied to one target, what the kernel held before and after, the
 * exact commands, and how it ended. An INTERRUPTED record is written to the journal before the kernel is
 * touched, so even a killed apply leaves a trace; it becomes the final record once the outcome is known.
 */
public record Record(Kind kind, String title, String target, Scope scope, Outcome outcome,
                     Option<String> specFile, Option<String> specText, Option<Provenance> provenance,
                     NetState desired, NetState before, NetState after, List<String> commands, String planText,
                     Option<String> failure, Option<String> rollbackOf, Instant time, String user, String host,
                     String version) {

    public enum Kind { APPLY, DESTROY, ROLLBACK, REVERT, MONITOR }

    public enum Outcome { APPLIED, REVERTED, FAILED, INTERRUPTED }

    public Record {
        if (title.contains("\n")) throw new IllegalArgumentException("a title is one line: " + title);
    }

    /**
     * Monitor entries that followed each other within moments, as one: from the first's state before to the
     * last's after, every command, every plan, and a title that lists what each did.
     */
    public static Record coalesced(List<Record> records) {
        if (records.size() == 1) return records.head();
        Record first = records.head();
        Record last = records.last();
        String whats = records.map(r -> r.title().replaceFirst("^monitor: ", "").replaceFirst(" \\(.*", "")).mkString("; ");
        long seconds = java.time.Duration.between(first.time(), last.time()).toSeconds();
        String plans = records.map(r -> "--- " + r.time() + ": " + r.title() + "\n" + r.planText()).mkString("\n");
        Outcome worst = records.map(Record::outcome).maxBy(Enum::ordinal).get();
        Option<String> failures = Option.of(records.flatMap(Record::failure).mkString("; ")).filter(f -> !f.isEmpty());
        return new Record(last.kind(), "monitor: " + records.size() + " changes in " + seconds + " s: " + whats, last.target(),
                last.scope(), worst, last.specFile(), last.specText(), last.provenance(), last.desired(), first.before(),
                last.after(), records.flatMap(Record::commands), plans, failures, Option.none(), first.time(), last.user(),
                last.host(), last.version());
    }

    /** The record once the apply's outcome is known. */
    public Record finished(Outcome outcome, NetState after, List<String> commands, Option<String> failure) {
        return new Record(kind, title, target, scope, outcome, specFile, specText, provenance, desired, before,
                after, commands, planText, failure, rollbackOf, time, user, host, version);
    }

    /** The record with where its spec came from (looked up once the kernel write is done: it is a courtesy). */
    public Record withProvenance(Option<Provenance> p) {
        return new Record(kind, title, target, scope, outcome, specFile, specText, p, desired, before,
                after, commands, planText, failure, rollbackOf, time, user, host, version);
    }

    public Option<String> specSha256() {
        return specText.map(Record::sha256);
    }

    static String sha256(String text) {
        return StateJson.sha256(text);
    }

    /**
     * The files of this entry's folder, by name. A set's long list is a file of its own (set-SHA256.txt) that the
     * states name by its hash: one file when the desired state and the state after hold the same list.
     */
    public TreeMap<String, String> files() {
        java.util.Map<String, String> lists = new java.util.TreeMap<>();
        TreeMap<String, String> f = TreeMap.of(
                "desired.json", StateJson.text(desired, Option.some(lists)),
                "before.json", StateJson.text(before, Option.some(lists)),
                "after.json", StateJson.text(after, Option.some(lists)),
                "commands.txt", commands.map(c -> c + "\n").mkString(),
                "plan.txt", planText,
                "meta.json", RecordJson.meta(this));
        f = f.merge(TreeMap.ofAll(lists));
        return specText.isDefined() ? f.put("spec.toml", specText.get()) : f;
    }

    /** The commit message: the title, the failure if any, then trailers (`git log --format=%(trailers)`). */
    public String message() {
        StringBuilder m = new StringBuilder(title).append("\n\n");
        failure.forEach(f -> m.append(f.replaceAll("\\s*\\n\\s*", " ").strip()).append("\n\n"));
        trailer(m, "Outcome", outcome.name().toLowerCase());
        trailer(m, "Target", target);
        trailer(m, "Host", host);
        trailer(m, "User", user);
        trailer(m, "Mlb-Version", version);
        specFile.forEach(f -> trailer(m, "Spec-File", f));
        specSha256().forEach(s -> trailer(m, "Spec-Sha256", s));
        provenance.forEach(p -> trailer(m, "Spec-Commit", p.commit()));
        provenance.forEach(p -> trailer(m, "Spec-Dirty", p.dirty() ? "yes" : "no"));
        rollbackOf.forEach(r -> trailer(m, "Rollback-Of", r));
        return m.toString();
    }

    private static void trailer(StringBuilder m, String key, String value) {
        m.append(key).append(": ").append(value.replace('\n', ' ')).append('\n');
    }
}
