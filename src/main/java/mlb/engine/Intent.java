package mlb.engine;

import io.vavr.control.Option;
import mlb.history.Record;

import java.nio.file.Path;

/**
 * What an apply is for, as its history entry will say: the kind, the title before the plan summary, the
 * spec as applied (and its file, for provenance), the entry a rollback returns to, and whether a successful
 * apply confirms an apply still waiting for `mlb confirm` (as a new deliberate change does; an apply that itself
 * waits for confirmation, or the revert of an unconfirmed one, does not).
 */
record Intent(Record.Kind kind, String title, Option<Path> specFile, Option<String> specText,
              Option<String> rollbackOf, boolean confirmsPending) {

    static Intent apply(String title, Option<Path> specFile, String specText, boolean awaitsConfirm) {
        return new Intent(Record.Kind.APPLY, title, specFile, Option.some(specText), Option.none(), !awaitsConfirm);
    }

    static Intent of(Record.Kind kind, String title) {
        return new Intent(kind, title, Option.none(), Option.none(), Option.none(), kind != Record.Kind.REVERT);
    }

    /** The monitor's change: never confirms a pending apply (it holds while one waits). */
    static Intent monitor(String why, Path specFile, String specText) {
        return new Intent(Record.Kind.MONITOR, "monitor: " + why, Option.some(specFile), Option.some(specText),
                Option.none(), false);
    }

    Intent rollingBackTo(String rev, Option<String> spec) {
        return new Intent(kind, title, specFile, spec, Option.some(rev), confirmsPending);
    }

    /** `isp-home` for specs/isp-home.toml: how a person names the spec. */
    static String specName(String file) {
        String name = Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
