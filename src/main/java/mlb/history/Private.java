package mlb.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The state directory holds routing history and specs, which are nobody else's business, and root writes
 * there, so nobody else may steer those writes. Like ssh's StrictModes: every directory on the way (symlinks
 * resolved one by one) belongs to root or the invoking user and is writable by nobody else unless it has the
 * sticky bit (like /tmp); the directory itself is writable by nobody else; a symlink on the way belongs to
 * root or the invoking user. What mlb creates is 0700 (directories) and 0600 (files) whatever the umask;
 * files are opened without following symlinks and replaced by a new file renamed over them.
 */
public final class Private {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Private() {
    }

    /** A path mlb refuses to write through: it names the component and what is wrong with it. */
    public static final class Unsafe extends IOException {
        Unsafe(String message) {
            super(message);
        }

        /** The same refusal, saying what the path was for ("the state directory /var/lib/mlb"). */
        public Unsafe about(String what) {
            return new Unsafe("unsafe " + what + ": " + getMessage());
        }
    }

    /**
     * Checks the way to dir and creates what is missing (0700). An existing directory keeps its mode: mlb never
     * changes a directory it did not create. Returns the physical path (symlinks resolved).
     */
    public static Path dir(Path dir) throws IOException {
        return StrictModes.walk(dir, true).orElseThrow();
    }

    /** The physical path of an existing, safe dir; empty when a component is missing. Creates nothing. */
    public static Optional<Path> existingDir(Path dir) throws IOException {
        return StrictModes.walk(dir, false);
    }

    /**
     * Writes a file atomically: a new temporary file beside it (created exclusively, never through a symlink,
     * 0600), fsync, rename over the file, fsync the directory. A crash leaves the old file or the new one.
     */
    public static void write(Path file, String text) throws IOException {
        Path parent = dir(file.toAbsolutePath().getParent());
        Path target = parent.resolve(file.getFileName());
        Path tmp = parent.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(bytes(6)) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(FILE))) {
                setMode(tmp, FILE);
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDir(parent);
    }

    /** Makes a rename or removal in dir durable. */
    public static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        }
    }

    /** Reads a file of the state directory, refusing a symlink. */
    public static String read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, ch.size()));
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // until the whole file is in
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
    }

    /** Creates an empty 0600 file if missing (e.g. a log a child process will write to); a symlink is refused. */
    public static Path file(Path file) throws IOException {
        Path parent = dir(file.toAbsolutePath().getParent());
        Path f = parent.resolve(file.getFileName());
        try {
            Files.newByteChannel(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FILE)).close();
        } catch (FileAlreadyExistsException exists) {
            // kept as it is, checked below
        }
        Owners.Attrs a = Owners.lstat(f);
        if (!a.regular()) throw new Unsafe(f + " is not a regular file");
        if (a.uid() == Owners.self()) setMode(f, FILE);
        return file;
    }

    /**
     * Opens a file for reading and writing (a lock), creating it 0600 if missing; never through a symlink, and
     * only a regular file of a trusted owner. The directory it is in must have been checked with {@link #dir}.
     */
    public static FileChannel open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(FILE));
        try {
            Owners.Attrs a = Owners.lstat(file);
            if (!a.regular() || !Owners.trusted(a.uid())) {
                throw new Unsafe(file + " is not a regular file of " + Owners.trustedText());
            }
            if (a.uid() == Owners.self() && (a.mode() & 07777) != 0600) setMode(file, FILE);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The user mlb runs as (its effective uid). */
    public static int uid() {
        return Owners.self();
    }

    /** A new, empty, 0700 directory with a random name inside parent (which must be safe). */
    static Path freshDir(Path parent, String prefix) throws IOException {
        Path d = dir(parent).resolve(prefix + HexFormat.of().formatHex(bytes(6)));
        Files.createDirectory(d, PosixFilePermissions.asFileAttribute(DIR));
        setMode(d, DIR);
        return d;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Brings everything under root to 0700/0600 (JGit creates with the process umask). Never follows a
     * symlink (neither while walking nor when changing a mode), and leaves alone what is not this user's.
     */
    public static void tighten(Path root) throws IOException {
        if (Owners.lstatIfAny(root) == null) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                fix(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                fix(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                // A temporary file another writer just renamed away: nothing left to fix.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** 0700 for a directory, 0600 for a regular file of this user; anything else (a symlink) is left alone. */
    static void fix(Path p) throws IOException {
        Owners.Attrs a = Owners.lstatIfAny(p);
        if (a == null || a.uid() != Owners.self()) return;
        Set<PosixFilePermission> wanted = a.directory() ? DIR : a.regular() ? FILE : null;
        if (wanted == null || PosixFilePermissions.fromString(rwx(a.mode())).equals(wanted) && (a.mode() & 07000) == 0) return;
        try {
            setMode(p, wanted);
        } catch (NoSuchFileException gone) {
            // Renamed or removed meanwhile (a concurrent writer's temporary file): nothing to fix.
        }
    }

    private static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) s.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        return s.toString();
    }

    /** chmod through a descriptor opened with O_NOFOLLOW: a symlink put in p's place makes this fail, not follow. */
    static void setMode(Path p, Set<PosixFilePermission> mode) throws IOException {
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
    }
}
