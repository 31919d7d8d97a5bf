package mlb.engine;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import mlb.history.Private;
import mlb.proc.Target;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per target, whatever its --state. Two OS file locks, always taken in this order: the target's, in
 * the machine's lock directory ({@link #systemDir}) and named by the target's kernel identity, so two state
 * directories cannot both write one namespace; then the state directory's own `<state>/<target>/apply.lock`,
 * which guards that directory's journal, pending confirm and branch. The kernel releases both when the holder
 * exits however it exits, so a crashed apply never leaves a stale lock. Each lock file names its holder.
 */
public final class Lock implements AutoCloseable {
    private static final Path RUN = Path.of("/run");
    private static final Path NETNS = Path.of("/run/netns");
    private static final Path OWN_NETNS = Path.of("/proc/self/ns/net");
    /**
     * Lock files this JVM holds. POSIX locks belong to the process: opening and closing a held lock file again
     * (another thread, or reading who holds it) would release it, so such a file is never opened twice.
     */
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();

    private final List<Held> held;

    private Lock(List<Held> held) {
        this.held = held;
    }

    private record Held(Path file, FileChannel channel, FileLock lock) {
    }

    /** Who holds a lock: a pid and the state directory it works for ("unknown" when it cannot be told). */
    public record Holder(String pid, String stateDir) {
        @Override
        public String toString() {
            return "pid " + pid + ", state " + stateDir;
        }
    }

    /**
     * Where target locks live on this machine: /run/mlb when mlb runs as root and /run is writable; else
     * $XDG_RUNTIME_DIR/mlb; else mlb-UID in the temporary directory. The directory is created 0700 and refused
     * when it is a symlink, belongs to someone else, or others may write it.
     */
    public static Path systemDir() {
        if (Private.uid() == 0 && Files.isDirectory(RUN) && Files.isWritable(RUN)) return RUN.resolve("mlb");
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "mlb");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "mlb-" + Private.uid());
    }

    /**
     * The name of a target's lock: its network namespace's inode (`net-4026532281`) when the namespace exists,
     * so two names of one namespace (or `--netns` naming the host's own) share a lock; else its id.
     */
    static String key(Target target) {
        Path ns = target.netns().map(NETNS::resolve).orElse(OWN_NETNS);
        try {
            Map<String, Object> a = Files.readAttributes(ns, "unix:dev,ino");
            Object nsfs = Files.getAttribute(OWN_NETNS, "unix:dev");
            if (nsfs.equals(a.get("dev"))) return "net-" + a.get("ino");
        } catch (IOException | UnsupportedOperationException e) {
            // not there (yet): the name is all there is
        }
        return target.id();
    }

    /** Both locks of the target, or who holds one of them. Throws when a lock cannot be created safely. */
    public static Either<Holder, Lock> tryAcquire(Path lockDir, Target target, Path stateDir) throws IOException {
        return acquire(lockDir, target, stateDir, ".lock", "apply.lock");
    }

    /**
     * The target's monitor locks, held by `mlb monitor` for as long as it runs: one monitor per target, whatever
     * its --state (the machine's `<key>.monitor.lock`), and per state directory (`monitor.lock`, its view file).
     * Beside the apply locks, not the same: the monitor takes those for each of its changes.
     */
    public static Either<Holder, Lock> tryMonitor(Path lockDir, Target target, Path stateDir) throws IOException {
        return acquire(lockDir, target, stateDir, ".monitor.lock", "monitor.lock");
    }

    private static Either<Holder, Lock> acquire(Path lockDir, Target target, Path stateDir, String targetSuffix,
                                                String stateName) throws IOException {
        Path state = stateDir.toAbsolutePath().normalize();
        Path stateLock = checked(checked(stateDir, "state directory").resolve(target.id()), "state directory").resolve(stateName);
        Path targetLock = checked(lockDir, "lock directory").resolve(key(target) + targetSuffix);
        synchronized (HELD_HERE) {
            Either<Holder, Held> first = take(targetLock, state);
            if (first.isLeft()) return Either.left(first.getLeft());
            Either<Holder, Held> second;
            try {
                second = take(stateLock, state);
            } catch (IOException | RuntimeException e) {
                release(first.get());
                throw e;
            }
            if (second.isLeft()) {
                release(first.get());
                return Either.left(second.getLeft());
            }
            return Either.right(new Lock(List.of(first.get(), second.get())));
        }
    }

    private static Path checked(Path dir, String role) throws IOException {
        try {
            return Private.dir(dir);
        } catch (Private.Unsafe e) {
            throw e.about(role + " " + dir.toAbsolutePath().normalize());
        }
    }

    /**
     * Who holds the target's lock now (else the state directory's), and since when (the lock file's time, which
     * the holder writes just after locking); none when nobody does. Takes no lock itself.
     */
    public static Option<Busy> busy(Path lockDir, Target target, Path stateDir) {
        try {
            Path targetLock = Private.existingDir(lockDir).orElse(lockDir).resolve(key(target) + ".lock");
            Path stateLock = Private.existingDir(stateDir).orElse(stateDir).resolve(target.id()).resolve("apply.lock");
            for (Path file : List.of(targetLock, stateLock)) {
                Option<Holder> h = lockedBy(file);
                if (h.isDefined()) return Option.some(new Busy(h.get(), Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant()));
            }
            return Option.none();
        } catch (IOException e) {
            return Option.none();
        }
    }

    /** A holder of the lock and when it took it. */
    public record Busy(Holder holder, java.time.Instant since) {
    }

    /** Who holds the target's lock (else the state directory's), for a message; never fails. */
    public static Holder holder(Path lockDir, Target target, Path stateDir) {
        try {
            Path targetLock = Private.existingDir(lockDir).orElse(lockDir).resolve(key(target) + ".lock");
            Path stateLock = Private.existingDir(stateDir).orElse(stateDir).resolve(target.id()).resolve("apply.lock");
            Option<Holder> t = lockedBy(targetLock);
            return t.isDefined() ? t.get() : lockedBy(stateLock).getOrElse(() -> lastHolder(targetLock));
        } catch (IOException e) {
            return new Holder("unknown", "unknown");
        }
    }

    private static Either<Holder, Held> take(Path file, Path state) throws IOException {
        Holder here = HELD_HERE.get(file);
        if (here != null) return Either.left(here);
        FileChannel ch = Private.open(file);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            return Either.left(lockedBy(file).getOrElse(() -> lastHolder(file)));
        }
        Holder me = new Holder(String.valueOf(ProcessHandle.current().pid()), state.toString());
        try {
            name(ch, me);
        } catch (IOException | RuntimeException e) {
            l.release();
            ch.close();
            throw e;
        }
        HELD_HERE.put(file, me);
        return Either.right(new Held(file, ch, l));
    }

    /**
     * The holder's pid then its state directory, one line each. Written over the old text and then cut, so a
     * reader never finds the file empty once someone held it.
     */
    private static void name(FileChannel ch, Holder me) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((me.pid() + "\n" + me.stateDir() + "\n").getBytes(StandardCharsets.UTF_8));
        int n = b.remaining();
        long at = 0;
        while (b.hasRemaining()) at += ch.write(b, at);
        ch.truncate(n);
    }

    /**
     * The holder of a lock held now, as the kernel (/proc/locks) names its pid; the file's text gives its state
     * directory once it names the same pid (the holder writes it just after locking). None when nobody holds it.
     */
    private static Option<Holder> lockedBy(Path file) {
        Holder here = HELD_HERE.get(file);
        if (here != null) return Option.some(here);
        Option<String> pid = LockTable.pid(file);
        if (pid.isEmpty()) return Option.none();
        for (int i = 0; i < 50; i++) {
            Holder h = lastHolder(file);
            if (h.pid().equals(pid.get())) return Option.some(h);
            sleep();
            if (LockTable.pid(file).isEmpty()) return Option.some(h);
        }
        return Option.some(new Holder(pid.get(), "unknown"));
    }

    /** What the lock file says (the current or the last holder). */
    private static Holder lastHolder(Path file) {
        try {
            if (Files.isSymbolicLink(file) || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return new Holder("unknown", "unknown");
            String text = Private.read(file);
            int nl = text.indexOf('\n');
            int end = text.lastIndexOf('\n');
            if (nl <= 0 || end <= nl) return new Holder("unknown", "unknown");
            return new Holder(text.substring(0, nl), text.substring(nl + 1, end));
        } catch (IOException e) {
            return new Holder("unknown", "unknown");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void release(Held h) throws IOException {
        HELD_HERE.remove(h.file());
        try {
            h.lock().release();
        } finally {
            h.channel().close();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD_HERE) {
            IOException first = null;
            for (Held h : held.reverse()) {
                try {
                    release(h);
                } catch (IOException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
        }
    }
}
