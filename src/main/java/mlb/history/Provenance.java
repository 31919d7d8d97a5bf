package mlb.history;

import io.vavr.control.Option;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an applied spec came from, when its file sits in a git work tree: that repo's HEAD commit, and whether
 * the file differed from it (modified, untracked, or not the text that was applied).
 */
public record Provenance(String commit, boolean dirty) {
    /** The provenance of a spec file, or none when it is not in a git work tree (or git cannot tell). */
    public static Option<Provenance> of(Path specFile, String appliedText) {
        Path file = specFile.toAbsolutePath().normalize();
        if (file.getParent() == null) return Option.none();
        FileRepositoryBuilder b = JGit.builder().findGitDir(file.getParent().toFile());
        if (b.getGitDir() == null) return Option.none();
        try (Repository repo = b.setMustExist(true).build(); Git git = new Git(repo)) {
            if (repo.isBare()) return Option.none();
            ObjectId head = repo.resolve("HEAD");
            String rel = repo.getWorkTree().toPath().toAbsolutePath().normalize().relativize(file).toString();
            Status st = git.status().addPath(rel).call();
            boolean dirty = head == null || !st.isClean() || !sameText(file, appliedText);
            return Option.some(new Provenance(head == null ? "none" : head.name(), dirty));
        } catch (Exception e) {
            // Provenance is a courtesy: an unreadable or exotic repository must not stop an apply.
            return Option.none();
        }
    }

    private static boolean sameText(Path file, String appliedText) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).equals(appliedText);
        } catch (Exception e) {
            return false;
        }
    }
}
