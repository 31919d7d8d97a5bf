package mlb.history;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The first creation of the audit repository, safe against kills and races. */
final class Creation {
    private Creation() {
    }

    /**
     * Creates the repository, or finishes one whose creation was killed (objects/ or refs/ there, no config):
     * JGit makes a whole private repository in a fresh directory beside, its entries move in where nothing is
     * yet (what is there stays, nothing is deleted), and config comes last. Under an OS lock, since two first
     * applies on two targets may race to create it.
     */
    static void create(Path dir) throws IOException {
        synchronized (Creation.class) {
            createLocked(dir);
        }
    }

    /** Removes what a creation killed after its last move left behind (rare: one listing when there is none). */
    static void tidy(Path dir) throws IOException {
        if (stale(dir).isEmpty()) return;
        synchronized (Creation.class) {
            try (FileChannel ch = Private.open(dir.resolve("mlb-init.lock")); FileLock ignored = ch.lock()) {
                removeStaleCreations(dir);
            }
        }
    }

    private static java.util.List<Path> stale(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".mlb-init-")).toList();
        }
    }

    /** Under the OS lock too: another process may be creating it. */
    private static void createLocked(Path dir) throws IOException {
        try (FileChannel ch = Private.open(dir.resolve("mlb-init.lock")); FileLock ignored = ch.lock()) {
            if (History.exists(dir)) return;
            removeStaleCreations(dir);
            Path fresh = Private.freshDir(dir, ".mlb-init-");
            try {
                try (Repository r = JGit.builder().setGitDir(fresh.toFile()).setBare().build()) {
                    r.create(true);
                    StoredConfig c = r.getConfig();
                    c.setString("core", null, "logAllRefUpdates", "false");
                    c.save();
                }
                Private.tighten(fresh);
                moveIn(fresh, dir, "config");
                if (Owners.lstatIfAny(dir.resolve("config")) == null) {
                    Files.move(fresh.resolve("config"), dir.resolve("config"), StandardCopyOption.ATOMIC_MOVE);
                }
                Private.syncDir(dir);
            } finally {
                removeOwn(fresh);
            }
        }
    }

    /** Moves every entry of from (but skip) to where nothing is in to; directories on both sides merge. */
    private static void moveIn(Path from, Path to, String skip) throws IOException {
        java.util.List<Path> entries;
        try (var s = Files.list(from)) {
            entries = s.toList();
        }
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (name.equals(skip)) continue;
            Path there = to.resolve(name);
            var a = Owners.lstatIfAny(there);
            if (a == null) {
                Files.move(e, there, StandardCopyOption.ATOMIC_MOVE);
            } else if (a.directory() && Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                Private.fix(Private.dir(there));
                moveIn(e, there, null);
            }
        }
    }

    /** Creation directories of a creation that was killed: we hold the init lock, so nobody is using them. */
    private static void removeStaleCreations(Path dir) throws IOException {
        for (Path p : stale(dir)) {
            var a = Owners.lstatIfAny(p);
            if (a != null && a.directory() && a.uid() == Owners.self()) removeOwn(p);
        }
    }

    /** Removes a creation directory: only what JGit made there and did not move in. */
    private static void removeOwn(Path fresh) throws IOException {
        if (Owners.lstatIfAny(fresh) == null) return;
        Files.walkFileTree(fresh, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

}
