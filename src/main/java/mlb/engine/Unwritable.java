package mlb.engine;

import io.vavr.collection.List;
import mlb.history.Private;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why mlb cannot write its state (or its lock), as a refusal: an unsafe path, a read-only or full file system
 * (73), or no permission (77). The file system is asked, not only the error text, which may be translated.
 */
final class Unwritable {
    private Unwritable() {
    }

    static Refusal refusal(String what, Path where, IOException e) {
        if (e instanceof Private.Unsafe) {
            return Refusal.of(Refusal.Reason.CANT_CREATE, e.getMessage(), List.of(
                    "nothing was changed; every directory on the way must belong to root (or you) and be writable by nobody"
                            + " else (unless it has the sticky bit, like /tmp)"));
        }
        String text = String.valueOf(e.getMessage());
        Store store = store(where);
        if (text.contains("Read-only file system") || store.readOnly) {
            return Refusal.of(Refusal.Reason.CANT_CREATE, what + ": " + store.path + " is on a read-only file system",
                    List.of("nothing was changed", text));
        }
        if (text.contains("No space left") || text.contains("quota") || store.full) {
            return Refusal.of(Refusal.Reason.CANT_CREATE, what + ": no space left on the file system of " + store.path,
                    List.of("nothing was changed; free some space there", text));
        }
        if (e instanceof AccessDeniedException) {
            return Refusal.of(Refusal.Reason.NOT_PERMITTED, what + ": permission denied: " + text, List.of(Access.AS_ROOT));
        }
        return Refusal.of(Refusal.Reason.CANT_CREATE, what + ": " + text, List.of("nothing was changed"));
    }

    /** What the file system holding where (or its nearest existing parent) says of itself. */
    private record Store(Path path, boolean readOnly, boolean full) {
    }

    private static Store store(Path where) {
        Path p = where.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return new Store(where, false, false);
        try {
            FileStore s = Files.getFileStore(p);
            return new Store(where, s.isReadOnly(), s.getUsableSpace() == 0);
        } catch (IOException e) {
            return new Store(where, false, false);
        }
    }
}
