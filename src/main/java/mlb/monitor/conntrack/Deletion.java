package mlb.monitor.conntrack;

import java.util.Objects;

/** What deleting one link's connections came to. */
public sealed interface Deletion {
    /** count connections were deleted (0 is a success: the link had none). */
    record Deleted(int count) implements Deletion {
        public Deleted {
            if (count < 0) throw new IllegalArgumentException("a count is >= 0: " + count);
        }
    }

    /** conntrack ran and failed; reason is one line for the log. */
    record Failed(String reason) implements Deletion {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The program is not installed; debianPackage is what to install (the caller exits 69). */
    record Missing(String program, String debianPackage) implements Deletion {
    }
}
