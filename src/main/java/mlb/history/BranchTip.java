package mlb.history;

import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The commit a branch points at, read from the repository's files as git keeps them (the loose ref, else
 * packed-refs) without opening the repository: a few bytes instead of JGit's start-up. Empty when the branch is
 * not there or is kept some other way (a symbolic ref): git is then asked.
 */
final class BranchTip {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}");

    private BranchTip() {
    }

    static Option<String> of(Path repo, String branch) throws IOException {
        String ref = "refs/heads/" + branch;
        Path loose = repo.resolve(ref);
        Owners.Attrs a = Owners.lstatIfAny(loose);
        if (a != null) return a.regular() ? id(Private.read(loose).strip()) : Option.none();
        Path packed = repo.resolve("packed-refs");
        if (Owners.lstatIfAny(packed) == null) return Option.none();
        for (String line : Private.read(packed).split("\n")) {
            // `<id> <ref>`; comments start with #, peeled tags with ^
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(space + 1).equals(ref)) return id(line.substring(0, space));
        }
        return Option.none();
    }

    private static Option<String> id(String text) {
        return ID.matcher(text).matches() ? Option.some(text) : Option.none();
    }
}
