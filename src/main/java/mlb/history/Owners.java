package mlb.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who may own the paths mlb writes through: root, the user mlb runs as, and under sudo the user who ran sudo
 * (they could become root anyway, so trusting their directories gives them nothing new).
 */
final class Owners {
    private static final int SELF = selfUid();
    private static final int SUDO = sudoUid();

    private Owners() {
    }

    /** What lstat says about a path: its type, mode bits and owner. */
    record Attrs(int mode, int uid) {
        boolean symlink() {
            return (mode & 0170000) == 0120000;
        }

        boolean directory() {
            return (mode & 0170000) == 0040000;
        }

        boolean regular() {
            return (mode & 0170000) == 0100000;
        }
    }

    static Attrs lstat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        return new Attrs((Integer) a.get("mode"), (Integer) a.get("uid"));
    }

    /** lstat, or null when nothing is there. */
    static Attrs lstatIfAny(Path p) throws IOException {
        try {
            return lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static int self() {
        return SELF;
    }

    static boolean trusted(int uid) {
        return uid == 0 || uid == SELF || (SELF == 0 && uid == SUDO);
    }

    /** "root", or "root and uid 1000 (you)", "root and uid 1000 (who ran sudo)". */
    static String trustedText() {
        if (SELF != 0) return "root and uid " + SELF + " (you)";
        return SUDO > 0 ? "root and uid " + SUDO + " (who ran sudo)" : "root";
    }

    /** The effective uid: /proc/self belongs to it. */
    private static int selfUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell which user mlb runs as: " + e.getMessage(), e);
        }
    }

    private static int sudoUid() {
        String s = System.getenv("SUDO_UID");
        try {
            return s == null ? -1 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
