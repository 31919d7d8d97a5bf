package mlb.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The way to a directory, checked one component at a time from / with symlinks resolved by hand (so each link
 * and each directory it leads through is checked, not only where it ends), creating what is missing 0700.
 */
final class StrictModes {
    private static final int MAX_LINKS = 40;

    private StrictModes() {
    }

    static Optional<Path> walk(Path dir, boolean create) throws IOException {
        Path abs = dir.toAbsolutePath();
        Deque<String> todo = new ArrayDeque<>();
        for (Path name : abs) todo.addLast(name.toString());
        Path root = abs.getRoot();
        Path cur = root;
        intermediate(cur, Owners.lstat(cur));
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.removeFirst();
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                cur = cur.getParent() == null ? cur : cur.getParent();
                continue;
            }
            Path next = cur.resolve(name);
            Owners.Attrs a = Owners.lstatIfAny(next);
            if (a == null) {
                if (!create) return Optional.empty();
                a = mkdir(next);
            }
            if (a.symlink()) {
                if (++links > MAX_LINKS) throw new Private.Unsafe(abs + " has too many levels of symbolic links");
                Path to = follow(next, a, todo);
                if (to.isAbsolute()) cur = root;
                continue;
            }
            if (!a.directory()) throw new NotDirectoryException(next.toString());
            intermediate(next, a);
            cur = next;
        }
        return Optional.of(last(cur));
    }

    /** A trusted symlink: its target's names go first in what is left to walk. */
    private static Path follow(Path link, Owners.Attrs a, Deque<String> todo) throws IOException {
        if (!Owners.trusted(a.uid())) {
            throw new Private.Unsafe(link + " is a symlink owned by uid " + a.uid() + ", who could point it anywhere;"
                    + " mlb follows only symlinks of " + Owners.trustedText());
        }
        Path to = Files.readSymbolicLink(link);
        List<String> names = new ArrayList<>();
        for (Path n : to) names.add(n.toString());
        for (int i = names.size() - 1; i >= 0; i--) todo.addFirst(names.get(i));
        return to;
    }

    /** The directory itself: writable by nobody else, sticky or not. */
    private static Path last(Path dir) throws IOException {
        Owners.Attrs a = Owners.lstat(dir);
        if ((a.mode() & 022) != 0) {
            throw new Private.Unsafe(dir + " is writable by " + writers(a.mode()) + " (mode " + octal(a.mode()) + ")");
        }
        return dir;
    }

    /** A directory on the way: a trusted owner, and writable by others only with the sticky bit. */
    private static void intermediate(Path d, Owners.Attrs a) throws Private.Unsafe {
        if (!Owners.trusted(a.uid())) {
            throw new Private.Unsafe(d + " belongs to uid " + a.uid() + ", and mlb writes only through directories of " + Owners.trustedText());
        }
        if ((a.mode() & 022) != 0 && (a.mode() & 01000) == 0) {
            throw new Private.Unsafe(d + " is writable by " + writers(a.mode()) + " without the sticky bit (mode " + octal(a.mode()) + ")");
        }
    }

    private static String writers(int mode) {
        return (mode & 020) != 0 && (mode & 002) != 0 ? "its group and others" : (mode & 020) != 0 ? "its group" : "others";
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    private static Owners.Attrs mkdir(Path d) throws IOException {
        try {
            Files.createDirectory(d, PosixFilePermissions.asFileAttribute(Private.DIR));
            Private.setMode(d, Private.DIR);
        } catch (FileAlreadyExistsException raced) {
            // another mlb made it a moment ago: it is checked like any existing one
        }
        return Owners.lstat(d);
    }
}
