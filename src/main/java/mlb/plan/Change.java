package mlb.plan;

import mlb.model.KernelObject;
import mlb.model.ObjectKey;

/** One step of a plan. */
public sealed interface Change {
    ObjectKey key();

    /** `+`, `~`, `-/+` or `-`, as plan output shows them. */
    String symbol();

    /** The object as it will be after this change (the old one for a delete). */
    KernelObject subject();

    record Create(KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "+"; }
        public KernelObject subject() { return after; }
    }

    record Update(KernelObject before, KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "~"; }
        public KernelObject subject() { return after; }
    }

    /** The kernel cannot change the object in place: delete it and create the new one, back to back. */
    record Replace(KernelObject before, KernelObject after) implements Change {
        public ObjectKey key() { return after.key(); }
        public String symbol() { return "-/+"; }
        public KernelObject subject() { return after; }
    }

    record Delete(KernelObject before) implements Change {
        public ObjectKey key() { return before.key(); }
        public String symbol() { return "-"; }
        public KernelObject subject() { return before; }
    }
}
