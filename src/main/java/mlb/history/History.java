package mlb.history;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit repository: a bare git repository at the state directory, one branch per target
 * (`refs/heads/host`, `refs/heads/netns-NAME`), each commit's tree holding that target's folder. One branch per
 * target means the target's apply lock is also the lock of everything a commit changes, so a ref lock file
 * left by a killed mlb can be removed safely by the next holder. Commits are built directly from objects (no
 * index, no work tree): objects are written first, the ref last, so a kill leaves at worst unreachable objects.
 */
public final class History implements AutoCloseable {
    /** In a target's folder while a commit for it writes (see commit). */
    static final String COMMITTING = "committing";
    private final Path dir;
    private final Repository repo;

    private History(Path dir, Repository repo) {
        this.dir = dir;
        this.repo = repo;
    }

    /** Opens the repository, creating it (private) if it does not exist yet or finishing a half-made one. */
    public static History open(Path dir) throws IOException {
        Path real = Private.dir(dir);
        if (!exists(real)) Creation.create(real);
        else Creation.tidy(real);
        return new History(real, build(real));
    }

    /** Opens the repository for reading; none when nothing was ever recorded there. */
    public static Option<History> existing(Path dir) throws IOException {
        Optional<Path> real = Private.existingDir(dir);
        return real.isPresent() && exists(real.get()) ? Option.some(new History(real.get(), build(real.get()))) : Option.none();
    }

    static boolean exists(Path dir) {
        return RepoFiles.exists(dir);
    }

    private static Repository build(Path dir) throws IOException {
        return JGit.builder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    /**
     * Commits a record on its target's branch and returns the commit id. The caller holds the target's apply
     * lock, which is what makes removing a stale ref lock safe.
     */
    public String commit(Record r) throws IOException {
        Path committing = dir.resolve(r.target()).resolve(COMMITTING);
        // A commit killed before it tightened what JGit wrote (with the umask: objects 0444) left this mark; what it
        // wrote is unreachable, so only a walk finds it.
        if (Owners.lstatIfAny(committing) != null) Private.tighten(dir);
        Private.file(committing);
        String id = write(r);
        Files.deleteIfExists(committing);
        return id;
    }

    /** The commit's objects, then its ref, then the modes of what it wrote. */
    private String write(Record r) throws IOException {
        String ref = Constants.R_HEADS + branch(r.target());
        removeStaleRefLock(ref);
        ObjectId parent = repo.resolve(ref);
        ObjectId commitId;
        java.util.List<ObjectId> written = new java.util.ArrayList<>();
        try (ObjectInserter ins = repo.newObjectInserter()) {
            TreeFormatter folder = new TreeFormatter();
            for (var f : r.files()) {
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, f._2.getBytes(StandardCharsets.UTF_8));
                written.add(blob);
                folder.append(f._1, FileMode.REGULAR_FILE, blob);
            }
            TreeFormatter root = new TreeFormatter();
            ObjectId tree = ins.insert(folder);
            root.append(r.target(), FileMode.TREE, tree);
            CommitBuilder c = new CommitBuilder();
            ObjectId top = ins.insert(root);
            written.addAll(java.util.List.of(tree, top));
            c.setTreeId(top);
            if (parent != null) c.setParentId(parent);
            PersonIdent who = new PersonIdent(r.user(), "mlb@" + r.host(), r.time(), java.time.ZoneId.systemDefault());
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(r.message());
            commitId = ins.insert(c);
            written.add(commitId);
            ins.flush();
        }
        RefUpdate u = repo.updateRef(ref);
        u.setExpectedOldObjectId(parent != null ? parent : ObjectId.zeroId());
        u.setNewObjectId(commitId);
        u.setRefLogMessage(r.title(), false);
        RefUpdate.Result res = u.update();
        if (res != RefUpdate.Result.NEW && res != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("could not update " + ref + ": " + res);
        }
        tighten(written, ref);
        return commitId.name();
    }

    /**
     * JGit writes loose objects 0444 in 0755 fan-out directories and refs with the umask; objects/ and refs/
     * being 0700 already keeps others out, this makes what the commit wrote (and what a killed one left at
     * the top of objects/) say so too. One directory listing and a few files, not a walk of the repo.
     */
    private void tighten(java.util.List<ObjectId> written, String ref) throws IOException {
        try (var top = Files.list(dir.resolve("objects"))) {
            // fan-out directories, and temporary files a killed insert left (another target may be writing one now)
            for (Path p : top.toList()) Private.fix(p);
        }
        for (ObjectId id : written) {
            String name = id.name();
            Path fanOut = dir.resolve("objects").resolve(name.substring(0, 2));
            Private.fix(fanOut);
            Private.fix(fanOut.resolve(name.substring(2)));
        }
        Private.fix(dir.resolve(ref));
    }

    private void removeStaleRefLock(String ref) throws IOException {
        Files.deleteIfExists(dir.resolve(ref + ".lock"));
    }

    /** Whether r is the target's newest entry already (a run killed between its commit and clearing the journal). */
    public boolean isLatest(Record r) throws IOException {
        Option<Entry> last = latest(r.target());
        return last.isDefined() && file(last.get(), "meta.json").contains(RecordJson.meta(r));
    }

    /** One file of an entry's target folder, read alone (an entry of a long list has megabytes of others). */
    public Option<String> file(Entry e, String name) throws IOException {
        try (RevWalk w = new RevWalk(repo);
             TreeWalk t = TreeWalk.forPath(repo, e.target() + "/" + name, w.parseCommit(ObjectId.fromString(e.id())).getTree())) {
            return t == null ? Option.none() : Option.some(new String(repo.open(t.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A target's entries, newest first. */
    public List<Entry> log(String target) throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + branch(target));
        if (tip == null) return List.empty();
        java.util.List<Entry> out = new java.util.ArrayList<>();
        try (RevWalk w = new RevWalk(repo)) {
            w.markStart(w.parseCommit(tip));
            for (RevCommit c : w) out.add(entry(c));
        }
        return List.ofAll(out);
    }

    /** A target's newest entry: its branch's tip, the one commit parsed. */
    public Option<Entry> latest(String target) throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + branch(target));
        if (tip == null) return Option.none();
        try (RevWalk w = new RevWalk(repo)) {
            return Option.some(entry(w.parseCommit(tip)));
        }
    }

    /** Finds an entry by revision (an id or its prefix, or anything git accepts, e.g. netns-x~2). */
    public Either<String, Entry> find(String rev) {
        try {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) return Either.left("no history entry " + rev);
            try (RevWalk w = new RevWalk(repo)) {
                return Either.right(entry(w.parseCommit(id)));
            }
        } catch (AmbiguousObjectException e) {
            return Either.left(rev + " is ambiguous: give more of the commit id");
        } catch (IOException | RuntimeException e) {
            return Either.left("no history entry " + rev + " (" + e.getMessage() + ")");
        }
    }

    /** The files of an entry's target folder, by name. */
    public TreeMap<String, String> files(Entry e) throws IOException {
        TreeMap<String, String> out = TreeMap.empty();
        try (RevWalk w = new RevWalk(repo); TreeWalk t = new TreeWalk(repo)) {
            t.addTree(w.parseCommit(ObjectId.fromString(e.id())).getTree());
            t.setRecursive(true);
            String prefix = e.target() + "/";
            while (t.next()) {
                if (!t.getPathString().startsWith(prefix)) continue;
                byte[] b = repo.open(t.getObjectId(0)).getBytes();
                out = out.put(t.getPathString().substring(prefix.length()), new String(b, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The whole commit message of an entry (title, failure, trailers). */
    public String message(Entry e) throws IOException {
        try (RevWalk w = new RevWalk(repo)) {
            return w.parseCommit(ObjectId.fromString(e.id())).getFullMessage();
        }
    }

    /** The entry before this one on its target's branch. */
    public Option<Entry> previous(Entry e) throws IOException {
        try (RevWalk w = new RevWalk(repo)) {
            RevCommit c = w.parseCommit(ObjectId.fromString(e.id()));
            return c.getParentCount() == 0 ? Option.none() : Option.some(entry(w.parseCommit(c.getParent(0))));
        }
    }

    private static Entry entry(RevCommit c) {
        return new Entry(c.getName(), Instant.ofEpochSecond(c.getCommitTime()), c.getShortMessage(),
                footer(c, "Outcome"), footer(c, "Target"));
    }

    private static String footer(RevCommit c, String key) {
        java.util.List<String> v = c.getFooterLines(key);
        return v.isEmpty() ? "unknown" : v.get(v.size() - 1);
    }

    /** Target ids are valid path names; a few are not valid branch names (`a..b`, `x.lock`). */
    static String branch(String target) {
        if (!Repository.isValidRefName(Constants.R_HEADS + target)) {
            throw new IllegalArgumentException("cannot keep history for " + target + ": not a valid branch name");
        }
        return target;
    }

    @Override
    public void close() {
        repo.close();
    }
}
