package mlb.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The state directory holds routing history and specs, which are nobody else's business: directories 0700,
 * files 0600, set explicitly after creation so the result does not depend on the caller's umask.
 */
public final class Private {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Private() {
    }

    /** Creates dir and any missing parents; the ones created here (and dir itself) become 0700. */
    public static Path dir(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Path missing = abs;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) missing = missing.getParent();
        Files.createDirectories(abs);
        for (Path p = abs; p != null && p.startsWith(missing); p = p.getParent()) Files.setPosixFilePermissions(p, DIR);
        return dir;
    }

    /** Writes a file atomically (temporary file, fsync, rename), 0600, so a crash leaves the old or the new one. */
    public static void write(Path file, String text) throws IOException {
        dir(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Files.setPosixFilePermissions(tmp, FILE);
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Creates an empty 0600 file if missing (e.g. a log a child process will write to). */
    public static Path file(Path file) throws IOException {
        dir(file.toAbsolutePath().getParent());
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) Files.createFile(file);
        Files.setPosixFilePermissions(file, FILE);
        return file;
    }

    /**
     * Brings everything under root to 0700/0600. JGit creates its files with the process umask; root itself
     * being 0700 already keeps others out, this makes the files say so too.
     */
    public static void tighten(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                fix(d, DIR);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isRegularFile()) fix(f, FILE);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                // A temporary file another writer just renamed away: nothing left to fix.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void fix(Path p, Set<PosixFilePermission> wanted) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                Files.setPosixFilePermissions(p, wanted);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // Renamed or removed while we walked (a concurrent writer's temporary file): nothing to fix.
        }
    }
}
