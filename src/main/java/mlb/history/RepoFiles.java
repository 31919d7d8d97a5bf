package mlb.history;

import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The audit repository's files as git lays them out, read without JGit (whose classes and start-up cost more
 * than the reads that need only this): whether a repository is whole, and the commit a branch points at.
 */
final class RepoFiles {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}");

    private RepoFiles() {
    }

    /** The config file is the last thing a repository creation writes, so its presence means a whole repo. */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve("config"), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("objects"), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The commit a branch points at: its loose ref, else its line in packed-refs. Empty when the branch is not
     * there or is kept some other way (a symbolic ref): JGit is then asked.
     */
    static Option<String> tip(Path repo, String branch) throws IOException {
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
