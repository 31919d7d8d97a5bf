package mlb.engine;

import io.vavr.control.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The kernel's table of file locks (/proc/locks): who holds a POSIX lock on a file, whatever the file says.
 * Lines read `1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF` (pid, major:minor in hex, inode).
 */
final class LockTable {
    private static final Path LOCKS = Path.of("/proc/locks");

    private LockTable() {
    }

    /** The pid holding a POSIX lock on file, or none (nobody, or no /proc/locks to ask). */
    static Option<String> pid(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
            long dev = (Long) a.get("dev");
            String id = String.format("%02x:%02x:%d", major(dev), minor(dev), (Long) a.get("ino"));
            for (String line : Files.readAllLines(LOCKS)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[1].equals("POSIX") && f[5].equals(id)) return Option.some(f[4]);
            }
        } catch (IOException | RuntimeException e) {
            // no lock table to ask: the caller goes by the file's text
        }
        return Option.none();
    }

    /** glibc's encoding of st_dev. */
    private static long major(long dev) {
        return ((dev & 0x00000000000fff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
    }

    private static long minor(long dev) {
        return (dev & 0xffL) | ((dev & 0x00000ffffff00000L) >>> 12);
    }
}
